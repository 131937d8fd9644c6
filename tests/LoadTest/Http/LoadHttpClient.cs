namespace Ecommerce.LoadTest.Http;

/// <summary>The one HttpClient a run uses: setup, race and audit share its connection pool.</summary>
public static class LoadHttpClient
{
    public static HttpClient Create(Uri api, int concurrency)
    {
        var handler = new SocketsHttpHandler
        {
            // Every worker keeps its own connection, plus a few for progress-free calls beside the race.
            MaxConnectionsPerServer = concurrency + 8,
            // Long enough that the race never pays for new connections; bounded so DNS changes are still seen.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
        };

        // A request slower than this is counted as failed (status "error") rather than stalling its worker forever.
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
    }
}
