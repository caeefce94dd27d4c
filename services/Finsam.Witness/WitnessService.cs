using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Witness.Cosigning;

namespace Finsam.Witness;

/// <summary>
/// Cosigns another body's audit checkpoints (issue 16, item 3): the region witnesses a municipality's log, say. It keeps,
/// per log, the last checkpoint it cosigned, and cosigns a new one only with a consistency proof from it.
/// </summary>
public sealed class WitnessService : IFinsamService
{
    public static string Name => "witness";
}

public static class WitnessServiceExtensions
{
    public static IHostApplicationBuilder AddWitness(this IHostApplicationBuilder builder)
    {
        builder.AddServiceStore<WitnessService>();
        builder.Services.AddOptions<WitnessOptions>().BindConfiguration("Finsam:Witness")
            .Validate(o => o.Logs.All(log => Transparency.NoteVerifierKey.Parse(log.VerifierKey)?.Type == Transparency.NoteVerifierKey.Ed25519Type),
                "Finsam:Witness:Logs: every log needs an Ed25519 note verifier key (<origin>+<key id>+<key>).")
            .ValidateOnStart();
        builder.Services.AddSingleton<WitnessKey>();
        builder.Services.AddSingleton<Cosigner>();
        return builder;
    }

    /// <summary>The c2sp.org/tlog-witness routes under <c>/witness</c>: no grant, as the protocol authenticates the checkpoint's signature.</summary>
    public static IEndpointRouteBuilder MapWitness(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/witness").WithTags("Witness").MapAddCheckpoint();
        return app;
    }
}
