using Ecommerce.Silo.Hosting;

// `Ecommerce.Silo migrate` applies the PostgreSQL schema and exits; otherwise this process is one silo.
if (args is ["migrate", ..])
{
    return await SchemaMigrationCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddShopSilo();
builder.AddOperatorSecurity();

var app = builder.Build();
app.MapOperatorEndpoints();
await app.RunAsync();
return 0;

/// <summary>Internal, so that test projects referencing both hosts see one public Program: the API's.</summary>
internal partial class Program;
