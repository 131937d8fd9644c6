using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Ecommerce.Grains.Users;
using Ecommerce.Silo.Hosting;
using Ecommerce.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Ecommerce.Cluster.Tests;

/// <summary>
/// The group-commit grain storage against a real PostgreSQL, without a silo around it: rounds share transactions,
/// yet each row keeps the ADO.NET provider's semantics.
/// </summary>
public sealed class GroupCommitStorageTests
{
    [Fact]
    public async Task A_write_reads_back_with_its_version_and_each_write_moves_the_version_by_one()
    {
        await using var storage = await Storage.StartAsync();
        var id = NewGrain();
        var written = User("ada@example.com");
        await storage.Grains.WriteStateAsync("user", id, written);
        Assert.Equal("1", written.ETag);
        Assert.True(written.RecordExists);
        written.State.Name = "Ada L.";
        await storage.Grains.WriteStateAsync("user", id, written);
        Assert.Equal("2", written.ETag);

        var read = User("");
        await storage.Grains.ReadStateAsync("user", id, read);
        Assert.Equal(("ada@example.com", "Ada L.", "2", true), (read.State.Email, read.State.Name, read.ETag, read.RecordExists));

        var missing = User("");
        await storage.Grains.ReadStateAsync("user", NewGrain(), missing);
        Assert.Equal((null, false, ""), (missing.ETag, missing.RecordExists, missing.State.Email));
    }

    [Fact]
    public async Task Concurrent_writes_of_many_grains_share_rounds()
    {
        await using var storage = await Storage.StartAsync(new GroupCommitOptions { ConcurrentRounds = 1 });
        var states = Enumerable.Range(0, 300).Select(i => (Id: NewGrain(), State: User($"u{i}@example.com"))).ToList();
        await Task.WhenAll(states.Select(s => storage.Grains.WriteStateAsync("user", s.Id, s.State)));

        Assert.All(states, s => Assert.Equal("1", s.State.ETag));
        var (rounds, rows) = storage.Engine.Writes.Committed;
        Assert.Equal(300, rows);
        Assert.True(rounds < 30, $"{rounds} rounds for 300 writes");
        Assert.Equal(300L, await storage.ScalarAsync<long>("SELECT count(*) FROM orleans_storage"));

        var reads = states.Select(s => (s.Id, State: User(""))).ToList();
        await Task.WhenAll(reads.Select(r => storage.Grains.ReadStateAsync("user", r.Id, r.State)));
        Assert.Equal(states.Select(s => s.State.State.Email), reads.Select(r => r.State.State.Email));
        Assert.True(storage.Engine.Reads.Committed.Rounds < 100, $"{storage.Engine.Reads.Committed.Rounds} read rounds for 300 reads");
    }

    [Fact]
    public async Task A_stale_version_fails_its_own_write_alone_and_the_rest_of_its_round_commits()
    {
        await using var storage = await Storage.StartAsync(new GroupCommitOptions { ConcurrentRounds = 1 });
        var (staleId, stale) = (NewGrain(), User("stale@example.com"));
        await storage.Grains.WriteStateAsync("user", staleId, stale);
        await storage.ExecuteAsync("UPDATE orleans_storage SET version = version + 1"); // another activation wrote meanwhile

        // A slow first round keeps the lane busy, so the writes below queue up and go together.
        var blocker = storage.Grains.WriteStateAsync("user", NewGrain(), User("first@example.com"));
        var others = Enumerable.Range(0, 20).Select(i => (Id: NewGrain(), State: User($"o{i}@example.com"))).ToList();
        var writes = others.Select(o => storage.Grains.WriteStateAsync("user", o.Id, o.State)).ToList();
        var conflicted = storage.Grains.WriteStateAsync("user", staleId, stale);
        await blocker;
        await Task.WhenAll(writes);

        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicted);
        Assert.Equal("1", stale.ETag); // the caller's state is left as it was
        Assert.All(others, o => Assert.Equal("1", o.State.ETag));
        Assert.Equal(22L, await storage.ScalarAsync<long>("SELECT count(*) FROM orleans_storage"));
    }

    [Fact]
    public async Task Two_first_writes_of_one_grain_leave_one_row_and_one_conflict()
    {
        await using var storage = await Storage.StartAsync();
        var id = NewGrain();
        var (a, b) = (User("a@example.com"), User("b@example.com"));
        var results = await Task.WhenAll(Attempt(storage.Grains.WriteStateAsync("user", id, a)), Attempt(storage.Grains.WriteStateAsync("user", id, b)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is InconsistentStateException);
        var read = User("");
        await storage.Grains.ReadStateAsync("user", id, read);
        Assert.Equal("1", read.ETag);
        Assert.Contains(read.State.Email, new[] { "a@example.com", "b@example.com" });
    }

    [Fact]
    public async Task A_grains_writes_queued_together_commit_in_order()
    {
        await using var storage = await Storage.StartAsync();
        var id = NewGrain();
        var state = User("v0@example.com");
        var writes = new List<Task>();
        for (var i = 1; i <= 5; i++)
        {
            // Each write is serialized when it is asked for; the next one does not wait for the one before.
            state.State.Email = $"v{i}@example.com";
            writes.Add(storage.Grains.WriteStateAsync("user", id, state));
        }

        await Task.WhenAll(writes);
        Assert.Equal("5", state.ETag);
        var read = User("");
        await storage.Grains.ReadStateAsync("user", id, read);
        Assert.Equal(("v5@example.com", "5"), (read.State.Email, read.ETag));
    }

    [Fact]
    public async Task A_clear_keeps_the_row_with_a_new_version_and_the_next_write_updates_it()
    {
        await using var storage = await Storage.StartAsync();
        var id = NewGrain();
        var state = User("gone@example.com");
        await storage.Grains.WriteStateAsync("user", id, state);
        await storage.Grains.ClearStateAsync("user", id, state);
        Assert.Equal(("2", false, ""), (state.ETag, state.RecordExists, state.State.Email));

        var read = User("x");
        await storage.Grains.ReadStateAsync("user", id, read);
        Assert.Equal(("2", false, ""), (read.ETag, read.RecordExists, read.State.Email));

        read.State.Email = "back@example.com";
        await storage.Grains.WriteStateAsync("user", id, read);
        Assert.Equal("3", read.ETag);
        Assert.Equal(1L, await storage.ScalarAsync<long>("SELECT count(*) FROM orleans_storage"));

        // A clear with a stale version is a conflict, as a write is.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.Grains.ClearStateAsync("user", id, state));
    }

    [Fact]
    public async Task A_statement_that_fails_fails_its_caller_alone()
    {
        await using var storage = await Storage.StartAsync(new GroupCommitOptions { ConcurrentRounds = 1 });
        var (worn, state) = (NewGrain(), User("worn@example.com"));
        await storage.Grains.WriteStateAsync("user", worn, state);
        await storage.ExecuteAsync($"UPDATE orleans_storage SET version = {int.MaxValue}");
        state.ETag = int.MaxValue.ToString(CultureInfo.InvariantCulture);

        var blocker = storage.Grains.WriteStateAsync("user", NewGrain(), User("first@example.com"));
        var overflow = storage.Grains.WriteStateAsync("user", worn, state); // version + 1 is out of range
        var others = Enumerable.Range(0, 10).Select(i => (Id: NewGrain(), State: User($"o{i}@example.com"))).ToList();
        var writes = others.Select(o => storage.Grains.WriteStateAsync("user", o.Id, o.State)).ToList();
        await blocker;
        await Task.WhenAll(writes);

        var error = await Assert.ThrowsAsync<PostgresException>(() => overflow);
        Assert.Equal(PostgresErrorCodes.NumericValueOutOfRange, error.SqlState);
        Assert.All(others, o => Assert.Equal("1", o.State.ETag));
    }

    [Fact]
    public async Task A_round_stays_under_its_byte_cap()
    {
        await using var storage = await Storage.StartAsync(new GroupCommitOptions { ConcurrentRounds = 1, MaxBytes = 20_000 });
        var big = new string('x', 8_000);
        var states = Enumerable.Range(0, 12).Select(i => (Id: NewGrain(), State: User($"{i}{big}"))).ToList();
        await Task.WhenAll(states.Select(s => storage.Grains.WriteStateAsync("user", s.Id, s.State)));

        // At most two 8 kB states fit under 20 kB: twelve writes need at least six rounds.
        Assert.True(storage.Engine.Writes.Committed.Rounds >= 6, $"{storage.Engine.Writes.Committed.Rounds} rounds");
        Assert.All(states, s => Assert.Equal("1", s.State.ETag));
    }

    [Fact]
    public async Task Two_silos_writing_the_same_rows_in_rounds_never_deadlock()
    {
        var database = await TestPostgres.CreateDatabaseAsync("groupcommit");
        await using var first = await Storage.StartAsync(database: database);
        await using var second = await Storage.StartAsync(database: database);
        var ids = Enumerable.Range(0, 40).Select(_ => NewGrain()).ToList();

        // Both silos write all forty rows, round after round, in opposite orders of arrival; each round locks its rows
        // sorted by key, so neither can hold one row while waiting for another that the other holds.
        async Task<int> WriteAllAsync(Storage storage, IEnumerable<GrainId> order)
        {
            var states = order.Select(id => (Id: id, State: User("x"))).ToList();
            var conflicts = 0;
            for (var round = 0; round < 15; round++)
            {
                var results = await Task.WhenAll(states.Select(s => Attempt(storage.Grains.WriteStateAsync("user", s.Id, s.State))));
                Assert.All(results, r => Assert.True(r is null or InconsistentStateException, r?.ToString()));
                conflicts += results.Count(r => r is not null);
                foreach (var (id, state) in states.Where((_, i) => results[i] is not null))
                {
                    await storage.Grains.ReadStateAsync("user", id, state);
                }
            }

            return conflicts;
        }

        var done = Task.WhenAll(WriteAllAsync(first, ids), WriteAllAsync(second, Enumerable.Reverse(ids)));
        Assert.Same(done, await Task.WhenAny(done, Task.Delay(TimeSpan.FromMinutes(2))));
        await done;
    }

    private static GrainId NewGrain() => GrainId.Create("user", Guid.NewGuid().ToString("N"));

    private static UserRow User(string email) => new() { State = new UserState { Email = email, Name = "A" } };

    /// <summary>What <c>IPersistentState</c> hands a provider: the state, its ETag, whether a record exists.</summary>
    private sealed class UserRow : IGrainState<UserState>
    {

        private UserState _state = new();

        [AllowNull]
        public UserState State { get => _state; set => _state = value ?? new(); }
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    private static async Task<Exception?> Attempt(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>The provider as a silo builds it, on a database of its own (or a shared one, for two "silos").</summary>
    private sealed class Storage : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private Storage(ServiceProvider services, GroupCommitStorage engine, string database) =>
            (_services, Engine, Database, Grains) = (services, engine, database, new GroupCommitGrainStorage(
                "shop", engine, services.GetRequiredService<IGrainStorageSerializer>(), services.GetRequiredService<IActivatorProvider>()));

        public GroupCommitStorage Engine { get; }
        public GroupCommitGrainStorage Grains { get; }
        public string Database { get; }

        public static async Task<Storage> StartAsync(GroupCommitOptions? options = null, string? database = null)
        {
            database ??= await TestPostgres.CreateDatabaseAsync("groupcommit");
            await PostgresSchema.ApplyAsync(database, NullLogger.Instance);
            var services = new ServiceCollection()
                .AddSerializer(s => s.AddAssembly(typeof(UserState).Assembly))
                .AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>()
                .BuildServiceProvider();
            return new Storage(services, new GroupCommitStorage(database, "test", options ?? new GroupCommitOptions(), NullLoggerFactory.Instance), database);
        }

        public Task<T> ScalarAsync<T>(string sql) => TestPostgres.ScalarAsync<T>(Database, sql);

        public async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(Database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Engine.CloseAsync(CancellationToken.None);
            await Engine.DisposeAsync();
            await _services.DisposeAsync();
        }
    }
}
