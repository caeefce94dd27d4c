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
    [InlineData("\t19811218-9876\n")]
    public void Accepts_every_written_form_and_normalises_to_twelve_digits(string input)
    {
        var personnummer = Personnummer.Parse(input, Today);

        Assert.Equal("198112189876", personnummer.Digits);
        Assert.Equal(new DateOnly(1981, 12, 18), personnummer.BirthDate);
    }

    [Fact]
    public void A_ten_digit_number_with_a_hyphen_belongs_to_the_hundred_years_up_to_this_one()
    {
        Assert.Equal("201212121212", Personnummer.Parse("121212-1212", Today).Digits);
        Assert.Equal("192712121215", Personnummer.Parse("271212-1215", Today).Digits);
    }

    [Fact]
    public void A_ten_digit_number_without_a_separator_is_read_as_if_it_had_a_hyphen()
    {
        Assert.Equal("201212121212", Personnummer.Parse("1212121212", Today).Digits);
    }

    [Fact]
    public void A_person_born_today_is_accepted()
    {
        Assert.Equal(Today, Personnummer.Parse("261123-1230", Today).BirthDate);
    }

    [Fact]
    public void A_hyphen_with_a_birthday_later_this_year_is_in_the_future_because_a_centenarian_writes_a_plus()
    {
        Assert.False(Personnummer.TryParse("261124-1239", Today, out _, out var error));

        Assert.Contains("framtiden", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plus_sign_means_the_person_turns_a_hundred_this_year_or_did_earlier()
    {
        Assert.Equal("191212121212", Personnummer.Parse("121212+1212", Today).Digits);
        Assert.Equal("192611241239", Personnummer.Parse("261124+1239", Today).Digits);
    }

    [Fact]
    public void A_twelve_digit_number_with_a_plus_sign_is_accepted_for_a_centenarian()
    {
        Assert.Equal("192611241239", Personnummer.Parse("19261124+1239", Today).Digits);
    }

    [Fact]
    public void A_twelve_digit_number_with_a_hyphen_is_accepted_for_a_centenarian()
    {
        Assert.Equal("191212121212", Personnummer.Parse("19121212-1212", Today).Digits);
    }

    [Fact]
    public void A_twelve_digit_number_with_a_plus_sign_is_refused_for_someone_under_a_hundred()
    {
        Assert.False(Personnummer.TryParse("19811218+9876", Today, out _, out var error));

        Assert.Contains("100 år", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_century_follows_the_clock_it_is_given()
    {
        var personnummer = Personnummer.Parse("121212-1212", new DateOnly(2011, 6, 1));

        Assert.Equal("191212121212", personnummer.Digits);
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
    public void A_samordningsnummer_can_fall_on_the_last_day_of_a_month()
    {
        Assert.Equal(new DateOnly(1970, 10, 31), Personnummer.Parse("701091-2397", Today).BirthDate);
    }

    [Fact]
    public void A_samordningsnummer_on_a_leap_day_is_a_date_only_in_leap_years()
    {
        Assert.True(Personnummer.TryParse("000289-1232", Today, out _, out _));
        Assert.False(Personnummer.TryParse("010289-1231", Today, out _, out _));
    }

    [Theory]
    [InlineData("701060-2394")]
    [InlineData("701092-2396")]
    [InlineData("701191-2396")]
    public void A_samordningsnummer_day_that_is_no_date_plus_sixty_is_refused(string input)
    {
        Assert.False(Personnummer.TryParse(input, Today, out _, out var error));

        Assert.Contains("datum", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Leap_days_are_real_dates_only_in_leap_years()
    {
        Assert.True(Personnummer.TryParse("000229-1235", Today, out _, out _));
        Assert.False(Personnummer.TryParse("010229-1234", Today, out _, out _));
    }

    [Fact]
    public void The_twenty_ninth_of_february_1900_does_not_exist()
    {
        Assert.True(Personnummer.TryParse("20000229-1235", Today, out _, out _));
        Assert.False(Personnummer.TryParse("19000229-1235", Today, out _, out var error));

        Assert.Contains("datum", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Birth_number_000_is_never_issued()
    {
        Assert.False(Personnummer.TryParse("811218-0008", Today, out _, out var error));

        Assert.Contains("000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_century_before_the_register_is_refused()
    {
        Assert.False(Personnummer.TryParse("17991231-1231", Today, out _, out var error));

        Assert.Contains("datum", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("19811318-9875")]
    [InlineData("19811200-9876")]
    [InlineData("19810001-9879")]
    [InlineData("19810231-1233")]
    public void A_month_or_day_that_is_not_in_the_calendar_is_refused(string input)
    {
        Assert.False(Personnummer.TryParse(input, Today, out _, out var error));

        Assert.Contains("datum", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("19811218-9875", "kontrollsiffra")]
    [InlineData("19811218-98A6", "ska skrivas")]
    [InlineData("", "saknas")]
    [InlineData("   ", "saknas")]
    [InlineData(null, "saknas")]
    [InlineData("1981121-9876", "ska skrivas")]
    [InlineData("811218 9876", "ska skrivas")]
    [InlineData("811218--9876", "ska skrivas")]
    [InlineData("811218-98765", "ska skrivas")]
    [InlineData("٨١١٢١٨-٩٨٧٦", "ska skrivas")]
    [InlineData("20301212-1236", "framtiden")]
    public void Rejects_what_is_not_a_personnummer_with_a_reason(string? input, string reasonFragment)
    {
        var parsed = Personnummer.TryParse(input, Today, out var result, out var error);

        Assert.False(parsed);
        Assert.Null(result);
        Assert.Contains(reasonFragment, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_throws_a_format_exception_with_the_reason()
    {
        var exception = Assert.Throws<FormatException>(() => Personnummer.Parse("811218-0008", Today));

        Assert.Contains("000", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Does_not_print_the_number_when_turned_into_a_string()
    {
        var text = $"{Personnummer.Parse("19811218-9876", Today)}";

        Assert.DoesNotContain("9876", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1218", text, StringComparison.Ordinal);
    }
}
