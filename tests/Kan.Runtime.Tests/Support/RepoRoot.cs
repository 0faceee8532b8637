using System;
using System.IO;

namespace Kan.Runtime.Tests.Support;

/// <summary>The repository root: the nearest folder above the test binaries that holds Kan.sln.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Kan.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Kan.sln above " + AppContext.BaseDirectory);
    }
}
