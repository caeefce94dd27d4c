using System.Globalization;

namespace Finsam.ServiceDefaults.Hosting;

/// <summary>
/// Swedish calendar dates as the API and the tables write them (<c>yyyy-MM-dd</c>): they sort and compare as dates on
/// both engines, and a count of days between two of them knows no daylight-saving change.
/// </summary>
public static class CalendarDates
{
    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
