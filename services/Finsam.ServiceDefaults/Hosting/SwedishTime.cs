namespace Finsam.ServiceDefaults.Hosting;

/// <summary>Dates that people see and consents end on are Swedish calendar dates, whatever the server's zone.</summary>
public static class SwedishTime
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static DateTimeOffset LocalOf(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Stockholm);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(LocalOf(instant).DateTime);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>Midnight at the start of <paramref name="date"/> in Sweden, as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Stockholm.GetUtcOffset(local));
    }
}
