using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Kan.Engines.Tests.Support;
using Kan.Evaluation;
using Kan.Format;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kan.Engines.Tests;

/// <summary>
/// samples/Unity as Unity compiles it: every script under Assets/ plus the code the DLL generates from every
/// Kan.Generator.additionalfile there, through Roslyn 4.3.1, C# 9, netstandard2.1, with test-only stand-ins for the
/// UnityEngine types the scripts touch (UnityStandIns/). Then the MonoBehaviour runs frames: it must move its
/// objects by the model's drag and allocate nothing per frame.
/// </summary>
public class UnitySampleTests
{
    private static string Assets => Path.Combine(EngineCompiler.RepositoryRoot, "samples", "Unity", "Assets");

    [Fact]
    public void The_Unity_project_has_the_layout_Unity_6_needs()
    {
        string project = Path.GetDirectoryName(Assets)!;
        File.ReadAllText(Path.Combine(project, "ProjectSettings", "ProjectVersion.txt")).ShouldStartWith("m_EditorVersion: 6000.0.");
        File.Exists(Path.Combine(project, "Packages", "manifest.json")).ShouldBeTrue();
        Directory.GetFiles(Assets, "*.asmdef", SearchOption.AllDirectories).ShouldHaveSingleItem();

        // The analyzer's import settings: the RoslynAnalyzer label and no platform, so it is never built into a player.
        string meta = File.ReadAllText(Directory.GetFiles(Assets, "Kan.Generator.dll.meta", SearchOption.AllDirectories).ShouldHaveSingleItem());
        meta.ShouldContain("labels:\n- RoslynAnalyzer\n");
        meta.ShouldContain("PluginImporter:");
        meta.ShouldNotContain("enabled: 1");
        foreach (string file in Directory.GetFiles(Assets, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".meta", StringComparison.Ordinal)))
        {
            File.Exists(file + ".meta").ShouldBeTrue(file + " needs its .meta so the GUIDs Unity uses are stable");
        }
    }

    [Fact]
    public void The_sample_compiles_with_the_generated_model_and_steers_without_allocating()
    {
        var unityEngine = CSharpCompilation.Create(
            "UnityEngine",
            new[] { CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(EngineCompiler.RepositoryRoot, "tests", "Kan.Engines.Tests", "UnityStandIns", "UnityEngine.cs")), EngineCompiler.CSharp9) },
            new[] { EngineCompiler.NetStandard21 },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        EngineCompiler.Problems(unityEngine).ShouldBeEmpty();
        using var unityImage = new MemoryStream();
        unityEngine.Emit(unityImage).Success.ShouldBeTrue();

        string[] modelFiles = Directory.GetFiles(Assets, "*.Kan.Generator.additionalfile", SearchOption.AllDirectories);
        string[] scripts = Directory.GetFiles(Assets, "*.cs", SearchOption.AllDirectories);
        modelFiles.ShouldHaveSingleItem();
        scripts.ShouldNotBeEmpty();
        var (generatorDiagnostics, output) = EngineCompiler.Run(
            modelFiles.Select(f => (f, File.ReadAllText(f))),
            new[] { EngineCompiler.NetStandard21, MetadataReference.CreateFromImage(unityImage.ToArray()) },
            scripts.Select(File.ReadAllText),
            "KanSample");
        generatorDiagnostics.ShouldBeEmpty();
        EngineCompiler.Problems(output).ShouldBeEmpty();

        var context = new StandInContext();
        try
        {
            unityImage.Position = 0;
            context.UnityEngine = context.LoadFromStream(unityImage);
            Assembly sample = EngineCompiler.Load(output, context);
            Run(sample, context.UnityEngine, KanFile.Parse(File.ReadAllText(modelFiles[0]), modelFiles[0]));
        }
        finally
        {
            context.Unload();
        }
    }

    private static void Run(Assembly sample, Assembly unityEngine, KanModel model)
    {
        Type steeringType = sample.GetType("KanSample.DragSteering", throwOnError: true)!;
        Type transformType = unityEngine.GetType("UnityEngine.Transform", throwOnError: true)!;
        Type vectorType = unityEngine.GetType("UnityEngine.Vector3", throwOnError: true)!;
        PropertyInfo position = transformType.GetProperty("position")!;
        object Vector(float x, float y) => Activator.CreateInstance(vectorType, x, y, 0f)!;
        (float X, float Y) Read(object transform)
        {
            object v = position.GetValue(transform)!;
            return ((float)vectorType.GetField("x")!.GetValue(v)!, (float)vectorType.GetField("y")!.GetValue(v)!);
        }

        const int Bodies = 64;
        var bodies = Array.CreateInstance(transformType, Bodies);
        for (int i = 0; i < Bodies; i++)
        {
            object transform = Activator.CreateInstance(transformType)!;
            position.SetValue(transform, Vector(0f, 0.5f + 2f * i / Bodies));
            bodies.SetValue(transform, i);
        }

        object steering = Activator.CreateInstance(steeringType)!;
        const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
        steeringType.GetField("bodies", Private)!.SetValue(steering, bodies);
        steeringType.GetMethod("Start", Private)!.CreateDelegate<Action>(steering)();
        Action update = steeringType.GetMethod("Update", Private)!.CreateDelegate<Action>(steering);

        // One frame by hand with the runtime evaluator's drag: every body starts at launch velocity (1.5, 1.5).
        var before = Enumerable.Range(0, Bodies).Select(i => Read(bodies.GetValue(i)!)).ToArray();
        update();
        var evaluator = new KanEvaluator(model);
        const double dt = 0.02, g = 9.81, v0 = 1.5;
        for (int i = 0; i < Bodies; i++)
        {
            double drag = evaluator.Evaluate(new[] { Math.Min(Math.Sqrt(2 * v0 * v0), 3.0), Math.Clamp(before[i].Y, 0.0, 3.0) })[0];
            double vx = v0 - drag * v0 * dt, vy = v0 - (drag * v0 + g) * dt;
            var after = Read(bodies.GetValue(i)!);
            after.X.ShouldBe((float)(before[i].X + vx * dt), 1e-5, "body " + i);
            after.Y.ShouldBe((float)(before[i].Y + vy * dt), 1e-5, "body " + i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        for (int frame = 0; frame < 500; frame++)
        {
            update();
        }

        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBe(0, "Update must not allocate");
        for (int i = 0; i < Bodies; i++)
        {
            var p = Read(bodies.GetValue(i)!);
            float.IsFinite(p.X).ShouldBeTrue();
            p.Y.ShouldBeInRange(-0.5f, 3.5f);
        }
    }

    /// <summary>Resolves the sample's reference to UnityEngine to the stand-in loaded here.</summary>
    private sealed class StandInContext() : AssemblyLoadContext("unity-sample", isCollectible: true)
    {
        public Assembly? UnityEngine { get; set; }

        protected override Assembly? Load(AssemblyName name) => name.Name == "UnityEngine" ? UnityEngine : null;
    }
}
