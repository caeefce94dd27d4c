namespace Finsam.Testing;

/// <summary>Waits for what happens asynchronously (outbox relay, bus), up to a deadline.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The expected state was not reached in time.");
            }

            await Task.Delay(20);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, int seconds = 10) => HoldsAsync(() => Task.FromResult(condition()), seconds);
}
