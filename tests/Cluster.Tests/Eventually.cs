namespace Ecommerce.Cluster.Tests;

public static class Eventually
{
    /// <summary>
    /// Retries a call, and the assertions inside it, while the cluster heals (a dead silo is being declared, grains
    /// move, reservations lapse) until the deadline; then the last failure is rethrown.
    /// </summary>
    public static async Task<T> SucceedsAsync<T>(Func<Task<T>> call, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
