using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Versioning;
using Kan.Engines.Tests.Support;
using Microsoft.CodeAnalysis.CSharp;

namespace Kan.Engines.Tests;

/// <summary>
/// Unity 6 loads analyzers built against Microsoft.CodeAnalysis 4.3 at most (a newer one fails with CS8032), and
/// matches additional files against the analyzer assembly's name. Both are read from the built DLL itself, so a
/// later package bump or rename cannot silently break Unity.
/// </summary>
public class GeneratorAssemblyTests
{
    [Fact]
    public void Kan_Generator_dll_references_no_Roslyn_newer_than_4_3()
    {
        using var stream = File.OpenRead(EngineCompiler.GeneratorPath);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var roslyn = reader.AssemblyReferences.Select(reader.GetAssemblyReference)
            .Select(r => (Name: reader.GetString(r.Name), r.Version))
            .Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();

        roslyn.Select(r => r.Name).ShouldContain("Microsoft.CodeAnalysis");
        foreach (var (name, version) in roslyn)
        {
            version.ShouldBeLessThan(new Version(4, 4), name + " " + version + " is newer than the 4.3 Unity 6 loads");
        }
    }

    /// <summary>
    /// Unity loads the one DLL: everything it references must come with the compiler itself, i.e. be Roslyn 4.3.1 or
    /// one of Microsoft.CodeAnalysis.Common 4.3.1's netstandard2.0 dependencies.
    /// </summary>
    [Fact]
    public void Kan_Generator_dll_references_only_what_the_compiler_provides()
    {
        using var stream = File.OpenRead(EngineCompiler.GeneratorPath);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var names = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        names.ShouldBeSubsetOf(new[]
        {
            "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable", "System.Memory",
            "System.Reflection.Metadata", "System.Runtime.CompilerServices.Unsafe", "System.Text.Encoding.CodePages", "System.Threading.Tasks.Extensions",
        }, string.Join(", ", names));
    }

    [Fact]
    public void Kan_Generator_dll_is_named_as_its_Unity_model_files_say_and_targets_netstandard2_0()
    {
        using var stream = File.OpenRead(EngineCompiler.GeneratorPath);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        // Unity passes Name.Kan.Generator.additionalfile only to an analyzer assembly named Kan.Generator.
        reader.GetString(reader.GetAssemblyDefinition().Name).ShouldBe("Kan.Generator");
        EngineCompiler.GeneratorAssembly.GetCustomAttributes(typeof(TargetFrameworkAttribute), false)
            .Cast<TargetFrameworkAttribute>().Single().FrameworkName.ShouldBe(".NETStandard,Version=v2.0");
    }

    [Fact]
    public void These_tests_run_the_Roslyn_of_Unity_6()
    {
        typeof(CSharpGeneratorDriver).Assembly.GetName().Version.ShouldBe(new Version(4, 3, 0, 0));
        EngineCompiler.CreateGenerator().GetType().Assembly.Location.ShouldBe(Path.GetFullPath(EngineCompiler.GeneratorPath));
    }
}
