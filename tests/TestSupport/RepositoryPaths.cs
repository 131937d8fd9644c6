namespace Ecommerce.TestSupport;

/// <summary>Where the built programs are: the same configuration (Debug/Release) as the running tests.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    public static string ProgramDirectory(string project) => Path.Combine(Root, project, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ecommerce.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Ecommerce.Orleans.sln) was not found above the test binaries.");
    }
}
