using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Api.Referrals;
using Finsam.Contracts.Codes;

namespace Finsam.Contracts.Api;

/// <summary>
/// The closed lists of codes that the public API's requests take (API.md), in one place: the services check
/// requests against them, and the public contract publishes them as enums.
/// </summary>
public static class RequestCodes
{
    public static IReadOnlyList<string> ConsentKinds { get; } = ["sharing", "statistics", "research"];

    public static IReadOnlyList<string> ConsentMethods { get; } = ["written", "verbal", "digital"];

    public static IReadOnlyList<string> ContactChannels { get; } = ["phone", "sms", "email", "letter", "in-person"];

    public static IReadOnlyList<string> MeetingModes { get; } = ["in-person", "digital", "phone"];

    /// <summary>What the person's feedback is: a complaint (about a unit or its staff), praise or a suggestion.</summary>
    public static IReadOnlyList<string> FeedbackKinds { get; } = ["complaint", "praise", "suggestion"];

    /// <summary>The statuses a coach or coordinator moves a case to (queued, assigned and declined follow from other steps).</summary>
    public static IReadOnlyList<string> SettableCaseStatuses { get; } = ["active", "dormant", "inactive", "closed"];

    /// <summary>Which request field (by its JSON name; for an array, its items) takes which list.</summary>
    public static IReadOnlyDictionary<(Type Request, string Field), IReadOnlyList<string>> ByField { get; } =
        new Dictionary<(Type, string), IReadOnlyList<string>>
        {
            [(typeof(RecordConsentRequest), "kind")] = ConsentKinds,
            [(typeof(RecordConsentRequest), "purpose")] = Purposes.Consentable,
            [(typeof(RecordConsentRequest), "method")] = ConsentMethods,
            [(typeof(ProvisionRequest), "toParty")] = Parties.All,
            [(typeof(ProvisionRequest), "categories")] = DataCategories.All,
            [(typeof(ContactRequest), "preferredChannel")] = ContactChannels,
            [(typeof(RegisterSelfReferralRequest), "receivedVia")] = Referrers.ReceivedVia,
            [(typeof(ChangeCaseStatusRequest), "status")] = SettableCaseStatuses,
            [(typeof(ChangeCaseStatusRequest), "outcome")] = Occupations.Outcomes,
            [(typeof(EndStatusRequest), "extentBand")] = EnrolmentCodes.ExtentBands,
            [(typeof(EndStatusRequest), "incomeSources")] = EnrolmentCodes.IncomeSources,
            [(typeof(EndStatusRequest), "endReason")] = EnrolmentCodes.EndReasons,
            [(typeof(RecordIntakeRequest), "sex")] = EnrolmentCodes.Sexes,
            [(typeof(RecordIntakeRequest), "education")] = EnrolmentCodes.Educations,
            [(typeof(RecordIntakeRequest), "lastEmployed")] = EnrolmentCodes.LastEmployed,
            [(typeof(RecordIntakeRequest), "occupation")] = Occupations.Statuses,
            [(typeof(RecordIntakeRequest), "extentBand")] = EnrolmentCodes.ExtentBands,
            [(typeof(RecordIntakeRequest), "incomeSources")] = EnrolmentCodes.IncomeSources,
            [(typeof(RecordIntakeRequest), "timeInPublicSupport")] = EnrolmentCodes.TimeInPublicSupport,
            [(typeof(EmployerContactRequest), "kind")] = EnrolmentCodes.EmployerContactKinds,
            [(typeof(RecordPlacementRequest), "type")] = Occupations.PlacementTypes,
            [(typeof(ScheduleMeetingRequest), "mode")] = MeetingModes,
            [(typeof(ParticipantRequest), "party")] = Parties.All,
            [(typeof(ActionRequest), "ownerParty")] = Parties.All,
            [(typeof(Feedback.SubmitFeedbackRequest), "kind")] = FeedbackKinds,
            [(typeof(Blocks.RecordBlockRequest), "toParty")] = Parties.All,
            [(typeof(Blocks.RecordBlockRequest), "categories")] = DataCategories.All,
        };
}
