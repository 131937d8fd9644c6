using Ecommerce.Api.Hosting;
using Ecommerce.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Ecommerce.Api.Tests;

/// <summary>Outside Development the processes refuse to start on settings that would leave the shop open.</summary>
public sealed class SafeSettingsTests
{
    private static readonly Dictionary<string, string?> SafeApi = new()
    {
        ["Jwt:SigningKey"] = "a-real-random-signing-key-of-more-than-32-chars",
        ["Admin:Email"] = "admin@shop.test",
        ["Admin:Password"] = "a-real-admin-password",
    };

    private static readonly Dictionary<string, string?> SafeSilo = new()
    {
        ["Dashboard:Username"] = "operator",
        ["Dashboard:Password"] = "a-real-dashboard-password",
        ["Payments:Simulator:Enabled"] = "true",
    };

    [Theory]
    [InlineData("Jwt:SigningKey", "", "Jwt__SigningKey is not set")]
    [InlineData("Jwt:SigningKey", "CHANGE-ME-TO-A-RANDOM-KEY-OF-32-CHARACTERS-OR-MORE", "Jwt__SigningKey is the template's placeholder")]
    [InlineData("Admin:Password", "CHANGE-ME", "Admin__Password")]
    [InlineData("Admin:Password", "short", "Admin__Password")]
    public void The_api_refuses_to_start_and_names_the_setting(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ApiBuilder("Production", new(SafeApi) { [key] = value }).AddShopApi());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dashboard:Password", "", "Dashboard__Username and Dashboard__Password are not set")]
    [InlineData("Dashboard:Password", "CHANGE-ME", "Dashboard__Password is a placeholder")]
    [InlineData("Payments:Simulator:Enabled", "false", "Payments__Simulator__Enabled=true")]
    public void The_silo_refuses_to_start_and_names_the_setting(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SiloBuilder("Production", new(SafeSilo) { [key] = value }).AddShopSilo());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_settings_pass_and_development_lets_a_developer_run_without_them()
    {
        ApiBuilder("Production", SafeApi).AddShopApi();
        SiloBuilder("Production", SafeSilo).AddShopSilo();
        ApiBuilder("Development", []).AddShopApi();
        SiloBuilder("Development", []).AddShopSilo();
    }

    [Fact]
    public async Task A_real_api_process_without_a_signing_key_exits_with_the_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ShopProcess.StartApiAsync("api-unsafe", new Dictionary<string, string> { ["Jwt__SigningKey"] = "" }));

        Assert.Contains("Jwt__SigningKey is not set", error.Message, StringComparison.Ordinal);
    }

    private static WebApplicationBuilder ApiBuilder(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    private static WebApplicationBuilder SiloBuilder(string environment, Dictionary<string, string?> settings) => ApiBuilder(environment, settings);
}
