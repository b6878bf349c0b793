namespace Streaming.Worker.Tests;

/// <summary>Files of this repository (found upwards from the test binaries), for tests that check docs and deployment files.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root: the folder that holds Streaming.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The text of a file given relative to the root.</summary>
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Streaming.sln not found above " + AppContext.BaseDirectory);
    }
}
