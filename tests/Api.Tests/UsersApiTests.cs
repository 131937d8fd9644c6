namespace Ecommerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class UsersApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_registered_user_logs_in_and_reads_their_profile()
    {
        var email = $"{Guid.NewGuid():N}@Shop.Test";
        var id = await Shop.RegisterAsync(fixture.Anonymous(), email, "correct horse battery", "Ada Lovelace");

        var token = await fixture.Anonymous().PostAsJsonAsync("/api/auth/token", new { email = email.ToLowerInvariant(), password = "correct horse battery" });
        var body = (await token.Content.ReadFromJsonAsync<JsonObject>())!;
        var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.Str("accessToken"));
        var me = (await client.GetFromJsonAsync<JsonObject>("/api/users/me"))!;

        Assert.Equal("Bearer", body.Str("tokenType"));
        Assert.True(body.Int("expiresIn") > 0);
        Assert.Equal(id, me["id"]!.GetValue<Guid>());
        Assert.Equal(("Ada Lovelace", email), (me.Str("name"), me.Str("email")));
        Assert.Equal(["customer"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task An_address_registers_once_whatever_its_case()
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        await Shop.RegisterAsync(fixture.Anonymous(), email, "password-1234");

        var again = await fixture.Anonymous().PostAsJsonAsync("/api/users", new { email = email.ToUpperInvariant(), password = "password-5678", name = "Other" });

        await Shop.ProblemAsync(again, HttpStatusCode.Conflict, "email-taken");
    }

    [Fact]
    public async Task An_address_spelled_in_compatibility_characters_is_the_same_address()
    {
        var local = $"u{Guid.NewGuid():N}"[..12];
        var plain = $"{local}@shop.test";

        // Full-width letters and the "ﬀ" ligature: Unicode NFKC makes them the plain letters.
        var fancy = string.Concat(local.Select(c => char.IsAsciiLetterOrDigit(c) ? (char)(c + 0xFEE0) : c)) + "@shop.test";
        await Shop.RegisterAsync(fixture.Anonymous(), fancy, "password-1234");

        var again = await fixture.Anonymous().PostAsJsonAsync("/api/users", new { email = plain.ToUpperInvariant(), password = "password-5678", name = "Other" });
        var login = await fixture.Anonymous().PostAsJsonAsync("/api/auth/token", new { email = plain, password = "password-1234" });

        await Shop.ProblemAsync(again, HttpStatusCode.Conflict, "email-taken");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(Ecommerce.Users.EmailAddress.Normalize("offer@shop.test"), Ecommerce.Users.EmailAddress.Normalize("o\uFB00er@SHOP.test"));
    }

    [Fact]
    public async Task Invalid_registrations_name_every_field_at_fault()
    {
        var response = await fixture.Anonymous().PostAsJsonAsync("/api/users", new { email = "not-an-address", password = "short", name = "" });

        var problem = await Shop.ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("email") && errors.ContainsKey("password") && errors.ContainsKey("name"), errors.ToJsonString());
    }

    [Fact]
    public async Task Wrong_passwords_and_unknown_addresses_get_the_same_401()
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        await Shop.RegisterAsync(fixture.Anonymous(), email, "password-1234");

        var wrong = await fixture.Anonymous().PostAsJsonAsync("/api/auth/token", new { email, password = "password-9999" });
        var unknown = await fixture.Anonymous().PostAsJsonAsync("/api/auth/token", new { email = "nobody@shop.test", password = "password-1234" });

        var a = await Shop.ProblemAsync(wrong, HttpStatusCode.Unauthorized, "invalid-credentials");
        var b = await Shop.ProblemAsync(unknown, HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(a.Str("detail"), b.Str("detail"));
    }

    [Fact]
    public async Task Protected_routes_refuse_missing_and_forged_tokens()
    {
        var forged = fixture.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl");

        await Shop.ProblemAsync(await fixture.Anonymous().GetAsync("/api/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await Shop.ProblemAsync(await forged.GetAsync("/api/orders"), HttpStatusCode.Unauthorized, "unauthorized");
        await Shop.ProblemAsync(await forged.PutAsJsonAsync("/api/products/X1/stock", new { onHand = 5 }), HttpStatusCode.Unauthorized);
    }
}
