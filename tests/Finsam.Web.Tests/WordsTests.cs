using Finsam.Contracts.Codes;
using Finsam.Web.Common;

namespace Finsam.Web.Tests;

/// <summary>The forms offer exactly the codes the API takes, each with a Swedish word, in the API's order.</summary>
public sealed class WordsTests
{
    [Fact]
    public void The_placement_form_offers_every_placement_type_the_api_takes_and_no_other() =>
        Assert.Equal(Occupations.PlacementTypes, Words.PlacementTypes.Keys);

    [Fact]
    public void The_closing_form_offers_every_outcome_the_api_takes_and_no_other() =>
        Assert.Equal(Occupations.Outcomes, Words.Outcomes.Keys);

    public static TheoryData<string> EnrolmentFields => ["extentBands", "incomeSources", "endReasons", "occupations", "sexes", "educations", "lastEmployed", "timeInPublicSupport", "employerContactKinds"];

    [Theory]
    [MemberData(nameof(EnrolmentFields))]
    public void The_intake_and_closing_forms_offer_every_code_the_api_takes_and_no_other(string field)
    {
        var (api, web) = field switch
        {
            "extentBands" => (EnrolmentCodes.ExtentBands, Words.ExtentBands),
            "incomeSources" => (EnrolmentCodes.IncomeSources, Words.IncomeSources),
            "endReasons" => (EnrolmentCodes.EndReasons, Words.EndReasons),
            "occupations" => (Occupations.Statuses, Words.Occupations),
            "sexes" => (EnrolmentCodes.Sexes, Words.Sexes),
            "educations" => (EnrolmentCodes.Educations, Words.Educations),
            "lastEmployed" => (EnrolmentCodes.LastEmployed, Words.LastEmployed),
            "timeInPublicSupport" => (EnrolmentCodes.TimeInPublicSupport, Words.TimeInPublicSupport),
            _ => (EnrolmentCodes.EmployerContactKinds, Words.EmployerContactKinds),
        };

        Assert.Equal(api, web.Keys);
    }
}
