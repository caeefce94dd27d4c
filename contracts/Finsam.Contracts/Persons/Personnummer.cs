using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Finsam.Contracts.Persons;

/// <summary>
/// A validated Swedish personal identity number (personnummer) or coordination number
/// (samordningsnummer), normalised to twelve digits <c>YYYYMMDDNNNC</c>.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> deliberately hides the number so that it cannot slip into a log line or a trace
/// through string interpolation; read <see cref="Digits"/> on purpose where the number itself is needed.
/// </remarks>
public sealed class Personnummer : IEquatable<Personnummer>
{
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
    /// Accepts <c>YYYYMMDD-NNNN</c>, <c>YYYYMMDDNNNN</c>, <c>YYMMDD-NNNN</c>, <c>YYMMDDNNNN</c> and
    /// <c>YYMMDD+NNNN</c> (a person aged 100 or more). The century of a ten-digit number is the latest one
    /// that puts the birth date on or before <paramref name="today"/>, one century earlier with <c>+</c>.
    /// </summary>
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

        var monthDay = datePart[^4..];
        var month = int.Parse(monthDay[..2], CultureInfo.InvariantCulture);
        var dayField = int.Parse(monthDay[2..], CultureInfo.InvariantCulture);
        var isSamordningsnummer = dayField > 60;
        var day = isSamordningsnummer ? dayField - 60 : dayField;

        int year;
        if (datePart.Length == 8)
        {
            year = int.Parse(datePart[..4], CultureInfo.InvariantCulture);
        }
        else
        {
            var twoDigitYear = int.Parse(datePart[..2], CultureInfo.InvariantCulture);
            year = (today.Year / 100 * 100) + twoDigitYear;
            if (!IsCalendarDate(year, month, day) || new DateOnly(year, month, day) > today)
            {
                year -= 100;
            }

            if (separator == '+')
            {
                year -= 100;
            }
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

    private static bool TrySplit(string text, out string datePart, out char separator, out string lastFour)
    {
        datePart = lastFour = "";
        separator = '-';
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

        var shapeIsValid = datePart.Length is 6 or 8 && lastFour.Length == 4
            && datePart.All(char.IsAsciiDigit) && lastFour.All(char.IsAsciiDigit);
        // A '+' only makes sense on the ten-digit form, where it carries the century.
        return shapeIsValid && !(separator == '+' && datePart.Length == 8);
    }

    private static bool IsCalendarDate(int year, int month, int day) =>
        year is >= 1800 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

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
