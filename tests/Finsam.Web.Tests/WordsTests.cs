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

    [Fact]
    public void The_closing_form_offers_every_extent_band_income_source_and_end_reason_the_api_takes_and_no_other() =>
        Assert.Equal(
            (EnrolmentCodes.ExtentBands, EnrolmentCodes.IncomeSources, EnrolmentCodes.EndReasons),
            ((IReadOnlyList<string>)[.. Words.ExtentBands.Keys], (IReadOnlyList<string>)[.. Words.IncomeSources.Keys], (IReadOnlyList<string>)[.. Words.EndReasons.Keys]));
}
