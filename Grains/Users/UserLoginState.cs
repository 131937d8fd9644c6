namespace Ecommerce.Grains.Users;

[GenerateSerializer, Alias("ecommerce.grains.UserLoginState")]
public sealed class UserLoginState
{
    [Id(0)] public Guid UserId { get; set; }
}
