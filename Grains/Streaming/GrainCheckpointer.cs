using Ecommerce.Streaming;
using Orleans.Streams;

namespace Ecommerce.Grains.Streaming;

/// <summary>
/// An Event Hubs partition checkpointer over <see cref="IStreamCheckpointGrain"/>. The provider calls Update often;
/// at most one save is in flight and only the newest offset is written, at most once per interval.
/// </summary>
public sealed class GrainCheckpointer(IGrainFactory grains, string provider, string partition, TimeSpan interval)
    : IStreamQueueCheckpointer<string>
{
    private readonly IStreamCheckpointGrain _grain = grains.Grain<IStreamCheckpointGrain>($"{provider}/{partition}");
    private string? _pending;
    private DateTime _lastSave;
    private Task _inFlight = Task.CompletedTask;

    public bool CheckpointExists { get; private set; }

    public Task<string> Load() => Load(CancellationToken.None);

    public async Task<string> Load(CancellationToken cancellationToken)
    {
        var offset = await _grain.LoadAsync();
        CheckpointExists = offset is not null;
        return offset ?? "";
    }

    public void Update(string offset, DateTime utcNow) => Update(offset, utcNow, CancellationToken.None);

    public void Update(string offset, DateTime utcNow, CancellationToken cancellationToken)
    {
        _pending = offset;
        if (_inFlight.IsCompleted && utcNow - _lastSave >= interval)
        {
            _lastSave = utcNow;
            _inFlight = SaveAsync();
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _inFlight;
        await SaveAsync();
    }

    private async Task SaveAsync()
    {
        if (Interlocked.Exchange(ref _pending, null) is { } offset)
        {
            await _grain.SaveAsync(offset);
            CheckpointExists = true;
        }
    }

    public sealed class Factory(IGrainFactory grains, string provider, TimeSpan interval) : IStreamQueueCheckpointerFactory
    {
        public Task<IStreamQueueCheckpointer<string>> Create(string partition) =>
            Task.FromResult<IStreamQueueCheckpointer<string>>(new GrainCheckpointer(grains, provider, partition, interval));
    }
}
