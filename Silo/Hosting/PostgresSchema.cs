using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecommerce.Silo.Hosting;

/// <summary>Applies the project's own schema for Orleans' ADO.NET providers (the embedded Schema/*.sql scripts).</summary>
public static partial class PostgresSchema
{
    // Fixed key of the transaction-level advisory lock: every silo uses the same one, so silos starting together apply
    // the scripts one after the other instead of racing on CREATE ... IF NOT EXISTS.
    private const long AdvisoryLockKey = 0x4563_6F6D_5363_6801;

    /// <summary>
    /// Applies every embedded Schema/*.sql script in name order, in one transaction, under a transaction-level
    /// advisory lock (pg_advisory_xact_lock with a fixed key) so that several silos starting at once don't race.
    /// The scripts are idempotent, so this runs at every start.
    /// </summary>
    public static async Task ApplyAsync(string connectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(logger);

        Assembly assembly = typeof(PostgresSchema).Assembly;
        string[] scripts = [.. assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (string script in scripts)
        {
            await using Stream stream = assembly.GetManifestResourceStream(script)
                ?? throw new InvalidOperationException($"Embedded schema script {script} not found.");
            using var reader = new StreamReader(stream);
            string sql = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);

            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogSchemaApplied(logger, scripts.Length);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied {ScriptCount} PostgreSQL schema script(s) for Orleans")]
    private static partial void LogSchemaApplied(ILogger logger, int scriptCount);
}
