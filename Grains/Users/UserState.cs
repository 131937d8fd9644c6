using Ecommerce.Users;

namespace Ecommerce.Grains.Users;

[GenerateSerializer, Alias("ecommerce.grains.UserState")]
public sealed class UserState
{
    [Id(0)] public string Email { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string PasswordHash { get; set; } = "";
    [Id(3)] public List<string> Roles { get; set; } = [];
    /// <summary>Orders listed by earlier versions; moved to the order list on first use (<c>UserGrain.ListOrdersAsync</c>).</summary>
    [Id(4)] public List<Guid> OrderIds { get; set; } = [];
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    public UserProfile ToProfile(Guid id) => new(id, Email, Name, Roles.ToArray());
}
