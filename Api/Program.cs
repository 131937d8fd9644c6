using Ecommerce.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddShopClusterClient();
builder.AddShopApi();

var app = builder.Build();
app.MapShopApi();
await app.RunAsync();

/// <summary>Public for the test host (WebApplicationFactory).</summary>
public partial class Program;
