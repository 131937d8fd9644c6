using Ecommerce.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.TestSupport;

/// <summary>
/// The real silo host (the same extension methods as Silo/Program.cs) started inside the test process, listening on
/// real TCP ports so that an API process or test host can connect to its gateway.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSilo(WebApplication app, int gatewayPort, string operatorUrl) =>
        (_app, GatewayPort, OperatorUrl) = (app, gatewayPort, operatorUrl);

    public int GatewayPort { get; }
    public string OperatorUrl { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="services">Registers more services in the silo (a benchmark's call counter, say).</param>
    public static async Task<InProcessSilo> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var (siloPort, gatewayPort, httpPort) = (Ports.Free(), Ports.Free(), Ports.Free());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["Cluster:SiloPort"] = $"{siloPort}",
            ["Cluster:PrimarySiloPort"] = $"{siloPort}",
            ["Cluster:GatewayPort"] = $"{gatewayPort}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(ShopProcess.SiloDefaultSettings);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddShopSilo();
        services?.Invoke(builder.Services);
        builder.AddOperatorSecurity();
        var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.StartAsync();
        return new InProcessSilo(app, gatewayPort, $"http://127.0.0.1:{httpPort}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
