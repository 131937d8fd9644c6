namespace Ecommerce.Grains.Users;

/// <summary>
/// A run of failed logins and the lockout it earns: after <c>threshold</c> failures within the window, logins wait a
/// lockout that doubles with each further one, up to a maximum. Kept in memory only: a failure costs no database
/// write (a guesser can't turn wrong passwords into load on storage), and a lockout outlives any window worth having
/// as long as its grain stays active.
/// </summary>
internal sealed class FailedLogins(int threshold, LoginOptions options)
{
    private readonly Queue<DateTimeOffset> _failures = new();
    private DateTimeOffset _lockedUntil;
    private int _lockouts;

    public TimeSpan? LockedFor(DateTimeOffset now) => _lockedUntil > now ? _lockedUntil - now : null;

    public TimeSpan? Failed(DateTimeOffset now)
    {
        while (_failures.TryPeek(out var oldest) && oldest <= now - options.Window)
        {
            _failures.Dequeue();
        }

        _failures.Enqueue(now);
        if (_failures.Count < threshold)
        {
            return null;
        }

        _failures.Clear();
        var lockout = options.Lockout * Math.Pow(2, Math.Min(_lockouts, 16));
        _lockouts++;
        _lockedUntil = now + (lockout < options.MaxLockout ? lockout : options.MaxLockout);
        return _lockedUntil - now;
    }

    public void Succeeded()
    {
        _failures.Clear();
        _lockouts = 0;
        _lockedUntil = default;
    }
}
