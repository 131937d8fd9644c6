using Ecommerce.Api.Contracts;
using Ecommerce.Grains.Payments;
using Ecommerce.Orders;
using Ecommerce.Payments;
using Ecommerce.Users;

namespace Ecommerce.Ops.Tests;

public sealed class SecretRecordsTests
{
    [Fact]
    public void Records_that_carry_a_password_a_hash_a_jwt_or_a_payment_token_never_print_it()
    {
        const string secret = "s3cr3t-4111111111111111";
        object[] records =
        [
            new PaymentMethod("card", secret),
            new PlaceOrder(Guid.NewGuid(), [new OrderLineRequest("SKU-1", 1)], new PaymentMethod("card", secret), null, "fingerprint"),
            new ChargeCommand(10m, "EUR", "card", secret),
            new ChargeRequest("key", 10m, "EUR", "card", secret),
            new NewUser(Guid.NewGuid(), "a@shop.test", "A", secret, ["customer"]),
            new UserCredentials(Guid.NewGuid(), secret, ["customer"]),
            new RegisterUserRequest("a@shop.test", secret, "A"),
            new TokenRequest("a@shop.test", secret),
            new TokenResponse(secret, "Bearer", 3600),
            new PaymentRequest("card", secret),
            new PlaceOrderRequest(null, new PaymentRequest("card", secret), null),
        ];

        Assert.All(records, r => Assert.DoesNotContain(secret, r.ToString(), StringComparison.Ordinal));
        Assert.All(records, r => Assert.Contains("***", r.ToString(), StringComparison.Ordinal));
        // The rest still reads as a record does.
        Assert.Equal("ChargeCommand { Amount = 10 EUR, Method = card, Token = *** }", records[2].ToString());
    }
}
