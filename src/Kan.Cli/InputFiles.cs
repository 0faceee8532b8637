using System;
using System.IO;
using System.Text;
using Kan.Format;

namespace Kan.Cli;

/// <summary>Reads the files commands take, turning every failure into one <see cref="CliException"/> line.</summary>
public static class InputFiles
{
    /// <summary>Reads a .kan model; a malformed file's message already names file(line,col).</summary>
    public static KanModel ReadModel(string path)
    {
        RequireFile(path);
        return KanFile.Read(path);
    }

    public static string ReadText(string path)
    {
        RequireFile(path);
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException("cannot read '" + path + "': " + e.Message);
        }
    }

    public static void RequireFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliException("'" + path + "' is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw new CliException("'" + path + "' does not exist");
        }
    }
}
