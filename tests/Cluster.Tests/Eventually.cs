namespace Ecommerce.Cluster.Tests;

public static class Eventually
{
    /// <summary>
    /// Retries a call while the cluster heals (a dead silo is being declared, grains move): transient faults are
    /// retried until the deadline; the last one is rethrown.
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
            catch (Exception ex) when (DateTime.UtcNow < deadline && ex is not Xunit.Sdk.XunitException)
            {
                await Task.Delay(500);
            }
        }
    }
}
