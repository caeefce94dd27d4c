using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Finsam.Contracts.Persons;

/// <summary>
/// A validated Swedish personal identity number (personnummer) or coordination number
/// (samordningsnummer), normalised to twelve digits <c>YYYYMMDDNNNC</c>.
/// </summary>
/// <remarks>
/// <para>
/// The rules are Skatteverket's: folkbokföringslagen (1991:481) 18 § and 18 a §, and Skatteverket's
/// rättsliga vägledning "Personnumrets olika delar" (330245). A number is refused when Skatteverket
/// never issues it, not only when its check digit is wrong:
/// </para>
/// <list type="bullet">
/// <item>the birth number (födelsenummer, the three digits after the date) is one of 001 to 999, so 000 is
/// never issued;</item>
/// <item>the date is a real calendar date in a century Skatteverket uses (18, 19 or 20) and not after
/// today; a samordningsnummer adds 60 to the day, so its day is 61 to 91 and 60 (day "0") is never
/// issued;</item>
/// <item>the check digit is the Luhn (modulus 10, weights 2-1) digit of the ten digits YYMMDDNNN.</item>
/// </list>
/// <para>
/// A date may be a neighbouring day rather than the true birthday when a day has run out of birth
/// numbers (18 § third paragraph), so the date is not checked against anything but the calendar.
/// </para>
/// <para>
/// <see cref="ToString"/> deliberately hides the number so that it cannot slip into a log line or a trace
/// through string interpolation; read <see cref="Digits"/> on purpose where the number itself is needed.
/// </para>
/// </remarks>
public sealed class Personnummer : IEquatable<Personnummer>
{
    private const int SamordningsnummerDayOffset = 60;

    /// <summary>Skatteverket's register holds only the centuries 18, 19 and 20.</summary>
    private const int EarliestYear = 1800;

    private const int LatestYear = 2099;

    private Personnummer(string digits, DateOnly birthDate, bool isSamordningsnummer)
    {
        Digits = digits;
        BirthDate = birthDate;
        IsSamordningsnummer = isSamordningsnummer;
    }

    /// <summary>The normalised twelve digits. Never log this.</summary>
    public string Digits { get; }

    public DateOnly BirthDate { get; }

    /// <summary>A coordination number has 60 added to the day of birth.</summary>
    public bool IsSamordningsnummer { get; }

    public static Personnummer Parse(string? input, DateOnly today) =>
        TryParse(input, today, out var result, out var error)
            ? result
            : throw new FormatException(error);

    /// <summary>
    /// Accepts, with or without surrounding whitespace:
    /// <c>YYYYMMDD-NNNC</c>, <c>YYYYMMDDNNNC</c>, <c>YYYYMMDD+NNNC</c>, <c>YYMMDD-NNNC</c>,
    /// <c>YYMMDDNNNC</c> and <c>YYMMDD+NNNC</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The hyphen is replaced by a plus sign from the calendar year a person turns 100 (18 § second
    /// paragraph). So a ten-digit number with a hyphen, or with no separator at all, was born in one of
    /// the hundred years up to and including this one; with a plus sign, in one of the hundred years before
    /// those. A birth date later this year then counts as in the future: that person would have to write
    /// the plus sign.
    /// </para>
    /// <para>
    /// A twelve-digit number carries its century, so its separator carries no information. Registers and
    /// forms write it with a hyphen whatever the age, and the common libraries also accept a plus sign;
    /// Finsam accepts the plus sign only where it is true (the person turns 100 this year or did earlier)
    /// and refuses it as a contradiction otherwise.
    /// </para>
    /// </remarks>
    public static bool TryParse(
        string? input,
        DateOnly today,
        [NotNullWhen(true)] out Personnummer? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "Personnummer saknas.";
            return false;
        }

        if (!TrySplit(text, out var datePart, out var separator, out var lastFour))
        {
            error = "Personnummer ska skrivas ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN eller ÅÅMMDD+NNNN.";
            return false;
        }

        if (lastFour.StartsWith("000", StringComparison.Ordinal))
        {
            error = "Födelsenumret 000 tilldelas aldrig.";
            return false;
        }

        var month = int.Parse(datePart[^4..^2], CultureInfo.InvariantCulture);
        var dayField = int.Parse(datePart[^2..], CultureInfo.InvariantCulture);
        var isSamordningsnummer = dayField > SamordningsnummerDayOffset;
        var day = isSamordningsnummer ? dayField - SamordningsnummerDayOffset : dayField;

        var isCentenarian = separator == '+';
        int year;
        if (datePart.Length == 8)
        {
            year = int.Parse(datePart[..4], CultureInfo.InvariantCulture);
            if (isCentenarian && today.Year - year < 100)
            {
                error = "Plustecken skrivs bara för den som fyller 100 år i år eller tidigare.";
                return false;
            }
        }
        else
        {
            var twoDigitYear = int.Parse(datePart[..2], CultureInfo.InvariantCulture);
            var latestPossibleYear = isCentenarian ? today.Year - 100 : today.Year;
            year = latestPossibleYear - Modulo(latestPossibleYear - twoDigitYear, 100);
        }

        if (!IsCalendarDate(year, month, day))
        {
            error = "Personnumret innehåller inget giltigt datum.";
            return false;
        }

        var birthDate = new DateOnly(year, month, day);
        if (birthDate > today)
        {
            error = "Personnumrets födelsedatum ligger i framtiden.";
            return false;
        }

        var tenDigits = datePart[^6..] + lastFour;
        if (!HasValidCheckDigit(tenDigits))
        {
            error = "Personnumrets kontrollsiffra stämmer inte.";
            return false;
        }

        var digits = year.ToString("D4", CultureInfo.InvariantCulture) + tenDigits[2..];
        result = new Personnummer(digits, birthDate, isSamordningsnummer);
        error = null;
        return true;
    }

    /// <summary>
    /// Splits a number into its date (six or eight digits), its separator (<c>'-'</c>, <c>'+'</c>, or
    /// <c>'\0'</c> when there is none) and its last four digits.
    /// </summary>
    private static bool TrySplit(string text, out string datePart, out char separator, out string lastFour)
    {
        datePart = lastFour = "";
        separator = '\0';
        var separatorIndex = text.IndexOfAny(['-', '+']);
        if (separatorIndex >= 0)
        {
            separator = text[separatorIndex];
            datePart = text[..separatorIndex];
            lastFour = text[(separatorIndex + 1)..];
        }
        else if (text.Length is 10 or 12)
        {
            datePart = text[..^4];
            lastFour = text[^4..];
        }

        return datePart.Length is 6 or 8 && lastFour.Length == 4
            && datePart.All(char.IsAsciiDigit) && lastFour.All(char.IsAsciiDigit);
    }

    /// <summary>A day field of 32 to 60 (or a samordningsnummer's day 60, day "0") fails here too.</summary>
    private static bool IsCalendarDate(int year, int month, int day) =>
        year is >= EarliestYear and <= LatestYear
        && month is >= 1 and <= 12
        && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static int Modulo(int value, int divisor) => ((value % divisor) + divisor) % divisor;

    /// <summary>The Luhn algorithm over the ten digits YYMMDDNNNC.</summary>
    private static bool HasValidCheckDigit(string tenDigits)
    {
        var sum = 0;
        for (var i = 0; i < tenDigits.Length; i++)
        {
            var value = (tenDigits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += value > 9 ? value - 9 : value;
        }

        return sum % 10 == 0;
    }

    public bool Equals(Personnummer? other) => other is not null && other.Digits == Digits;

    public override bool Equals(object? obj) => Equals(obj as Personnummer);

    public override int GetHashCode() => Digits.GetHashCode(StringComparison.Ordinal);

    /// <summary>Masked on purpose: only the birth year shows.</summary>
    public override string ToString() => $"{Digits[..4]}****-****";
}
