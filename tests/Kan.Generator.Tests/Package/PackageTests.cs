using System;
using System.Diagnostics;
using System.IO;
using Kan.Generator.Tests.Support;

namespace Kan.Generator.Tests.Package;

/// <summary>
/// Runs tools/check-package.sh: packs the generator, checks the package layout (analyzers/dotnet/cs, build and
/// buildTransitive props, no lib, no dependencies) and builds and runs a fresh console project that consumes it from
/// a local folder feed and calls a Godot-shaped project (Package/Godot: the docs/game-engines.md recipe, a node
/// steered by its generated model) consuming it the same way. About 40 s on an idle machine.
/// </summary>
public class PackageTests
{
    [Fact]
    public async System.Threading.Tasks.Task Packed_generator_works_in_a_fresh_console_project_and_a_Godot_shaped_one()
    {
        string script = Path.Combine(GeneratorHarness.RepositoryRoot, "tools", "check-package.sh");
        string work = Path.Combine(Path.GetTempPath(), "kan-package-check-" + Environment.ProcessId);
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(work);
        // The test host's MSBuild variables would leak into the nested dotnet commands.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(4));
            await process.WaitForExitAsync(timeout.Token);
            string output = await stdout + await stderr;
            process.ExitCode.ShouldBe(0, output);
            output.ShouldContain("OK: BallDrag/DragModel predict");
            output.ShouldContain("; Godot node at x=");
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
