using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Ecommerce.Ops.Tests;

[Collection(ShopProcessesCollection.Name)]
public sealed partial class DashboardBrowserTests(ShopProcesses shop, ITestOutputHelper output)
{
    [Fact]
    public async Task The_dashboard_in_headless_chromium_shows_the_running_silo_to_the_operator_and_answers_401_to_anyone_else()
    {
        var page = $"{shop.Silo.BaseUrl}/dashboard/";
        using var anonymous = new HttpClient();
        var refused = await anonymous.GetAsync(new Uri(page));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Basic", refused.Headers.WwwAuthenticate.Single().Scheme);
        var wrong = new HttpRequestMessage(HttpMethod.Get, new Uri(page));
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("operator:guess"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong)).StatusCode);

        var anonymousView = Text(await Chromium.DumpDomAsync($"{page}#/silos", budgetMs: 3_000));
        Assert.DoesNotContain("Orleans Dashboard", anonymousView, StringComparison.Ordinal);
        Assert.DoesNotContain($"127.0.0.1:{shop.SiloPort}", anonymousView, StringComparison.Ordinal);

        // The operator's browser: the silos page lists this very silo as active.
        var signedIn = $"http://{ShopProcesses.OperatorUser}:{ShopProcesses.OperatorPassword}@{new Uri(shop.Silo.BaseUrl).Authority}/dashboard/#/silos";
        var view = Text(await Chromium.DumpDomAsync(signedIn));
        Assert.Contains("Orleans Dashboard", view, StringComparison.Ordinal);
        Assert.Matches($@"127\.0\.0\.1:{shop.SiloPort}@\d+ Active", view);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard-silos.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await Chromium.ScreenshotAsync(signedIn, screenshot);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 20_000, $"a {png.Length}-byte screenshot is too small to show the page");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        output.WriteLine($"screenshot: {screenshot}");
    }

    /// <summary>What the page shows, as text: tags dropped, white space folded.</summary>
    private static string Text(string dom) => Spaces().Replace(Tags().Replace(dom, " "), " ");

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
