using Finsam.Coordination.Feedback;
using Finsam.Coordination.Meetings;
using Finsam.Coordination.Relations;
using Finsam.ServiceDefaults.Relations;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;

namespace Finsam.Coordination;

/// <summary>Follow-up meetings around one person (who takes part, what was decided, who does what by when), and the person's feedback to the units.</summary>
public sealed class CoordinationService : IFinsamService
{
    public static string Name => "coordination";
}

public static class CoordinationServiceExtensions
{
    public static IHostApplicationBuilder AddCoordination(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CoordinationService>();
        builder.AddServiceApiDocument<CoordinationService>();
        builder.AddConsentDecisions<CoordinationService>();
        builder.Services.Configure<FeedbackOptions>(builder.Configuration.GetSection(FeedbackOptions.Section));
        builder.Services.AddSingleton<FeedbackRouting>();
        builder.Services.AddRelationSource<MeetingRelations>(CoordinationService.Name);
        return builder;
    }

    public static IBusRegistrationConfigurator AddCoordinationConsumers(this IBusRegistrationConfigurator bus) => bus;

    public static IEndpointRouteBuilder MapCoordination(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/coordination/meetings")
            .RequireGrant(CoordinationService.Name, "gateway")
            .WithTags("Coordination service");
        meetings.MapScheduleMeeting();
        meetings.MapReadMeetings();
        meetings.MapRecordMinutes();
        app.MapGroup("/coordination")
            .RequireGrant(CoordinationService.Name, "gateway")
            .WithTags("Coordination service")
            .MapRelations(CoordinationService.Name);
        app.MapGroup("/coordination/feedback")
            .RequireGrant(CoordinationService.Name, "gateway")
            .WithTags("Coordination service")
            .DisclosesNothing()
            .MapFeedback();
        return app;
    }
}
