using Ecommerce.LoadTest.Fuzz;
using Xunit.Abstractions;

namespace Ecommerce.Api.Tests;

/// <summary>A shop of its own for the fuzzer, whose junk (products, carts, lockouts) no other test should meet.</summary>
public sealed class FuzzFixture : ShopHost
{
    public HttpClient Client(Caller caller, string? token = null)
    {
        var client = Api.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}

/// <summary>
/// Every operation of the API's own OpenAPI document, as an anonymous caller, a buyer, the admin and a forged token,
/// with hostile values: no answer is a 5xx, and every 4xx is a problem document. (The fuzz command of the load tester
/// runs the same generator against a running API: <c>dotnet run --project tests/LoadTest -- fuzz</c>.)
/// </summary>
public sealed class FuzzTests(FuzzFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzFixture>
{
    /// <summary>Bounded in time (about 30-60 s on a busy 2-core machine); FUZZ_REQUESTS raises it.</summary>
    private static readonly int Requests = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) ? n : 2500;

    [Fact]
    public async Task Thousands_of_hostile_requests_over_every_operation_get_no_5xx_and_every_4xx_is_a_problem_document()
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        await Shop.RegisterAsync(fixture.Client(Caller.Anonymous), email, "password-1234");
        var buyer = await Shop.LoginAsync(fixture.Client(Caller.Anonymous), email, "password-1234");
        var admin = await Shop.LoginAsync(fixture.Client(Caller.Anonymous), ShopHost.AdminEmail, ShopHost.AdminPassword);
        var forged = fixture.Client(Caller.Forged, FuzzCommand.ForgedToken);
        var anonymous = fixture.Client(Caller.Anonymous);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await FuzzRun.RunAsync(c => c switch
        {
            Caller.Buyer => buyer,
            Caller.Admin => admin,
            Caller.Forged => forged,
            _ => anonymous,
        }, Requests, threads: 4, CancellationToken.None);
        output.WriteLine(FuzzCommand.Render(outcome, clock.Elapsed));

        // Every operation of the document was tried, by more than one kind of caller.
        var document = (await anonymous.GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!;
        Assert.Equal(ApiOperations.Parse(document).Select(o => o.ToString()).Order(), outcome.ByOperation.Keys.Order());
        Assert.True(outcome.Requests >= Requests * 9 / 10, $"only {outcome.Requests} of {Requests} were sent");

        // Some got through validation, many did not: the generator reaches both sides.
        Assert.Contains(outcome.ByStatus.Keys, s => s is >= 200 and < 300);
        Assert.Contains(400, outcome.ByStatus.Keys);
        Assert.True(outcome.ServerErrors.Count == 0, "5xx:\n" + string.Join("\n", outcome.ServerErrors));
        Assert.Equal(0, outcome.ServerErrorCount);
        Assert.True(outcome.NotProblemDocuments.Count == 0, "4xx without a problem document:\n" + string.Join("\n", outcome.NotProblemDocuments));
    }
}
