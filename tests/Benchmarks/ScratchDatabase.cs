using Npgsql;

namespace Ecommerce.Benchmarks;

/// <summary>
/// A database of one run's own, dropped after it: an in-silo run must not inherit another's rows (an earlier run's
/// outbox rows, say, which a new silo rightly takes over and relays).
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private ScratchDatabase(string server, string name) =>
        (_server, _name, ConnectionString) = (server, name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(string server)
    {
        var name = $"bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new ScratchDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
