using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Codes;

namespace Finsam.Web.Common;

/// <summary>
/// The sections of a shared view or an emergency access, and the case the viewer's own IPS unit has for the person, if
/// any: the unit's own IPS sections are its own record, so they are not a share the consent withholds but a link.
/// </summary>
public sealed record SectionsView(IReadOnlyList<SharedViewSection> Sections, Guid? OwnCaseId = null)
{
    private static readonly string[] IpsCategories = [DataCategories.IpsPlan, DataCategories.IpsEmployment];

    public bool IsOwnCase(SharedViewSection section) =>
        OwnCaseId is not null && section.Party == Parties.Municipality && IpsCategories.Contains(section.Category) && section.Status != "ok";
}
