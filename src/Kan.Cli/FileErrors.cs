using System;
using System.IO;

namespace Kan.Cli;

/// <summary>I/O failures in words: the runtime's own messages name temporary files or mislead ("Could not find file" for a file being created).</summary>
internal static class FileErrors
{
    public static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException or FileNotFoundException => "no such file or folder",
        PathTooLongException => "the path is too long",
        _ => e.Message,
    };
}
