namespace Ecommerce.Silo.Storage;

/// <summary>
/// The group-commit storage's limits (<c>Cluster:GroupCommit:*</c>). A round is one round trip and one transaction:
/// larger rounds mean fewer commits per grain write, a cap keeps one round from holding everyone up.
/// </summary>
public sealed class GroupCommitOptions
{
    public const string Section = "Cluster:GroupCommit";

    /// <summary>Statements in one write round at most.</summary>
    public int MaxRows { get; set; } = 512;

    /// <summary>Payload bytes in one write round at most (a single larger state still goes, alone).</summary>
    public long MaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Write rounds in flight at once: while they run, the next round fills.</summary>
    public int ConcurrentRounds { get; set; } = 2;

    /// <summary>Reads in one read round at most.</summary>
    public int MaxReads { get; set; } = 256;

    /// <summary>Read rounds in flight at once.</summary>
    public int ConcurrentReads { get; set; } = 2;

    public IEnumerable<string> Problems()
    {
        if (MaxRows < 1 || MaxReads < 1 || ConcurrentRounds < 1 || ConcurrentReads < 1 || MaxBytes < 1)
        {
            yield return $"{Section}: MaxRows, MaxBytes, ConcurrentRounds, MaxReads and ConcurrentReads must be at least 1.";
        }
    }
}
