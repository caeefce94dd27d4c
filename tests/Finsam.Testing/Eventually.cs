namespace Finsam.Testing;

/// <summary>Waits for what happens asynchronously (outbox relay, bus), up to a deadline.</summary>
public static class Eventually
{
    /// <param name="describe">What was seen last, for the failure message.</param>
    public static async Task HoldsAsync(Func<Task<bool>> condition, int seconds = 10, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The expected state was not reached in {seconds} s{(describe is null ? "" : ": " + describe())}.");
            }

            await Task.Delay(20);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, int seconds = 10) => HoldsAsync(() => Task.FromResult(condition()), seconds);
}
