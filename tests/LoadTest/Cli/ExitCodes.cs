namespace Ecommerce.LoadTest.Cli;

/// <summary>What the process answers, so scripts and CI can tell a broken cluster from a broken invocation.</summary>
public static class ExitCodes
{
    /// <summary>The race ran and the audit passed (the ceiling command has no audit and ends here too).</summary>
    public const int Passed = 0;

    /// <summary>The race ran and the audit found the shop's figures inconsistent.</summary>
    public const int AuditFailed = 1;

    /// <summary>The catalog command: a batch was refused, or failed on every attempt.</summary>
    public const int LoadFailed = 1;

    /// <summary>Bad arguments, or the sale could not be set up (API unreachable, admin login refused, ...).</summary>
    public const int UsageOrSetupError = 2;
}
