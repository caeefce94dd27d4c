using Finsam.Contracts.Persons;

namespace Finsam.Contracts.Tests;

public sealed class PersonnummerTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("19811218-9876")]
    [InlineData("198112189876")]
    [InlineData("811218-9876")]
    [InlineData("8112189876")]
    [InlineData("  811218-9876 ")]
    public void Accepts_every_written_form_and_normalises_to_twelve_digits(string input)
    {
        var personnummer = Personnummer.Parse(input, Today);

        Assert.Equal("198112189876", personnummer.Digits);
        Assert.Equal(new DateOnly(1981, 12, 18), personnummer.BirthDate);
    }

    [Fact]
    public void A_ten_digit_number_belongs_to_the_latest_century_that_is_not_in_the_future()
    {
        Assert.Equal("201212121212", Personnummer.Parse("121212-1212", Today).Digits);
        Assert.Equal("192611241239", Personnummer.Parse("261124-1239", Today).Digits);
        Assert.Equal("202611231230", Personnummer.Parse("261123-1230", Today).Digits);
    }

    [Fact]
    public void A_plus_sign_means_the_person_is_a_hundred_or_older()
    {
        Assert.Equal("191212121212", Personnummer.Parse("121212+1212", Today).Digits);
    }

    [Fact]
    public void A_samordningsnummer_has_sixty_added_to_the_day()
    {
        var number = Personnummer.Parse("701063-2391", Today);

        Assert.True(number.IsSamordningsnummer);
        Assert.Equal(new DateOnly(1970, 10, 3), number.BirthDate);
        Assert.Equal("197010632391", number.Digits);
    }

    [Fact]
    public void Leap_days_are_real_dates_only_in_leap_years()
    {
        Assert.True(Personnummer.TryParse("000229-1235", Today, out _, out _));
        Assert.False(Personnummer.TryParse("010229-1234", Today, out _, out _));
    }

    [Theory]
    [InlineData("19811218-9875", "kontrollsiffra")]
    [InlineData("19810231-1233", "datum")]
    [InlineData("19811218-98A6", "ska skrivas")]
    [InlineData("", "saknas")]
    [InlineData(null, "saknas")]
    [InlineData("1981121-9876", "ska skrivas")]
    [InlineData("19811218+9876", "ska skrivas")]
    [InlineData("20301212-1236", "framtiden")]
    public void Rejects_what_is_not_a_personnummer_with_a_reason(string? input, string reasonFragment)
    {
        var parsed = Personnummer.TryParse(input, Today, out var result, out var error);

        Assert.False(parsed);
        Assert.Null(result);
        Assert.Contains(reasonFragment, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Does_not_print_the_number_when_turned_into_a_string()
    {
        var text = $"{Personnummer.Parse("19811218-9876", Today)}";

        Assert.DoesNotContain("9876", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1218", text, StringComparison.Ordinal);
    }
}
