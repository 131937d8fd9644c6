namespace Ecommerce.Api.Hosting;

/// <summary>
/// Keeps trying to reach a gateway while the API starts, so the API and the silos can be started in any order.
/// </summary>
public sealed partial class ConnectionRetryFilter(ILogger<ConnectionRetryFilter> logger) : IClientConnectionRetryFilter
{
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        LogRetry(attempt, exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Cluster not reachable yet (attempt {Attempt}): {Reason}")]
    private partial void LogRetry(int attempt, string reason);
}
