using System;

namespace Kan.Cli;

/// <summary>The <c>kan</c> executable: everything happens in <see cref="KanCli.Run"/>, which tests call in-process.</summary>
public static class Program
{
    public static int Main(string[] args) => KanCli.Run(args, Console.Out, Console.Error);
}
