using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ecommerce.Ops.Tests;

/// <summary>
/// No container engine runs here. What the Dockerfiles' build stage does is done as written instead: their COPY
/// lines into an empty directory (as the build context, less .dockerignore), then their RUN lines in it, /src and
/// /app standing for directories of the test. The runtime stage is checked line by line.
/// </summary>
public sealed partial class ImageTests
{
    [Fact]
    public async Task The_silo_and_the_api_publish_as_their_dockerfiles_build_them_and_run_as_non_root_with_a_health_check()
    {
        var root = Directory.CreateTempSubdirectory("ecommerce-image-");
        try
        {
            foreach (var (image, dll) in new[] { ("silo", "Ecommerce.Silo.dll"), ("api", "Ecommerce.Api.dll") })
            {
                var dockerfile = Instructions(await File.ReadAllTextAsync(DeployFiles.Path("docker", $"{image}.Dockerfile")));
                var stages = Split(dockerfile);
                Assert.Equal(2, stages.Count);
                Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0][0].Arguments);
                Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", stages[1][0].Arguments);

                var published = await BuildStageAsync(stages[0], root.FullName);
                var runtime = stages[1];
                Assert.Equal("--from=build /app/publish .", runtime.Single(i => i.Name == "COPY").Arguments);
                var entrypoint = JsonSerializer.Deserialize<string[]>(runtime.Single(i => i.Name == "ENTRYPOINT").Arguments)!;
                Assert.Equal(["dotnet", dll], entrypoint);
                Assert.True(File.Exists(Path.Combine(published, dll)), $"{dll} is not in the published output");
                Assert.True(File.Exists(Path.Combine(published, "appsettings.json")));
                if (image == "silo")
                {
                    Assert.True(File.Exists(Path.Combine(published, "Ecommerce.Grains.Interfaces.dll")));
                }

                Assert.Equal("$APP_UID", runtime.Single(i => i.Name == "USER").Arguments);
                Assert.Contains("8080", runtime.Single(i => i.Name == "EXPOSE").Arguments.Split(' '));
                Assert.Contains("/health/live", runtime.Single(i => i.Name == "HEALTHCHECK").Arguments, StringComparison.Ordinal);
                Assert.Contains("Urls=http://+:8080", runtime.Single(i => i.Name == "ENV").Arguments, StringComparison.Ordinal);
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>The health check command of a Dockerfile, aimed at a port of this machine.</summary>
    public static string[] HealthCheck(string image, int port)
    {
        var check = Instructions(File.ReadAllText(DeployFiles.Path("docker", $"{image}.Dockerfile"))).Single(i => i.Name == "HEALTHCHECK").Arguments;
        var command = JsonSerializer.Deserialize<string[]>(check[(check.IndexOf("CMD ", StringComparison.Ordinal) + 4)..])!;
        return [.. command.Select(a => a.Replace("127.0.0.1/8080", $"127.0.0.1/{port}", StringComparison.Ordinal))];
    }

    private static async Task<string> BuildStageAsync(IReadOnlyList<Instruction> stage, string root)
    {
        string Local(string path) => path.StartsWith('/') ? Path.Combine(root, path.TrimStart('/')) : path;
        var workdir = root;
        foreach (var instruction in stage.Skip(1))
        {
            switch (instruction.Name)
            {
                case "WORKDIR":
                    workdir = Local(instruction.Arguments);
                    Directory.CreateDirectory(workdir);
                    break;
                case "COPY":
                    var parts = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    // Docker's rules: a directory's contents go into the destination; files go into it when it is a
                    // directory (ends with a slash, or several sources), else become it.
                    var destination = Path.Combine(workdir, parts[^1]);
                    var intoDirectory = parts[^1].EndsWith('/') || parts.Length > 2;
                    foreach (var source in parts[..^1].Select(p => Path.Combine(RepositoryPaths.Root, p)))
                    {
                        Copy(source, Directory.Exists(source) || !intoDirectory ? destination : Path.Combine(destination, Path.GetFileName(source)));
                    }

                    break;
                case "RUN":
                    var command = instruction.Arguments.Replace(" /app", $" {Local("/app")}", StringComparison.Ordinal);
                    var run = await Tool.RunAsync("bash", ["-c", command], workdir, TimeSpan.FromMinutes(5), new Dictionary<string, string>
                    {
                        // A container's build leaves no compiler or MSBuild servers behind; neither does this one.
                        ["MSBUILDDISABLENODEREUSE"] = "1",
                        ["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1",
                        ["UseSharedCompilation"] = "false",
                    });
                    Assert.True(run.ExitCode == 0, $"RUN {instruction.Arguments} failed:\n{run.Output}");
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"The build stage has an instruction this test does not know: {instruction.Name}");
            }
        }

        return Local("/app/publish");
    }

    /// <summary>Copies a file or a directory, leaving out what .dockerignore leaves out of the context.</summary>
    private static void Copy(string source, string destination)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination, overwrite: true);
            return;
        }

        Assert.True(Directory.Exists(source), $"COPY source {source} does not exist");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private sealed record Instruction(string Name, string Arguments);

    private static List<Instruction> Instructions(string dockerfile) =>
        [.. Continuations().Replace(dockerfile, " ").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2))
            .Select(p => new Instruction(p[0], Spaces().Replace(p[1], " ")))];

    private static List<List<Instruction>> Split(List<Instruction> instructions)
    {
        var stages = new List<List<Instruction>>();
        foreach (var instruction in instructions)
        {
            if (instruction.Name == "FROM")
            {
                stages.Add([]);
            }

            stages[^1].Add(instruction);
        }

        return stages;
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuations();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
