using System;
using System.IO;
using System.Linq;
using Kan.Format;
using Kan.Interop;
using Kan.Interop.Pykan;

namespace Kan.Runtime.Tests.Interop.Torch;

/// <summary>pykan's YAML config: errors located in the YAML file, and no document can exhaust the stack or expand.</summary>
public class PykanConfigYamlTests
{
    private static PykanImport Import(string config) =>
        PykanCheckpoint.Read(config, "m_config.yml", new MemoryStream(File.ReadAllBytes(TorchReaderTests.FixturePath("pykan_toy_f64_state"))), "m_state", new PykanImportOptions());

    private static string Fixture() => File.ReadAllText(TorchReaderTests.FixturePath("pykan_toy_f64_config.yml"));

    [Fact]
    public void A_bad_value_is_located_in_the_yaml()
    {
        string config = Fixture().Replace("k: 3\n", "k: three\n", StringComparison.Ordinal);
        int line = config.Split('\n').ToList().IndexOf("k: three") + 1;
        var e = Should.Throw<KanFormatException>(() => Import(config));
        e.Message.ShouldBe("m_config.yml(" + line + ",4): 'k' must be a whole number, found a string");

        var unknown = Should.Throw<KanFormatException>(() => Import(Fixture().Replace("base_fun_name: silu", "base_fun_name: gelu", StringComparison.Ordinal)));
        unknown.Detail.ShouldBe("unsupported base_fun_name 'gelu'; expected silu, identity or zero");

        var syntax = Should.Throw<KanFormatException>(() => Import("width: [[2, 0], [1, 0]\nk: 3\n"));
        syntax.Detail.ShouldStartWith("invalid YAML");
    }

    [Fact]
    public void Per_layer_lists_and_quoted_strings_map_like_pykan()
    {
        // grid/k lists with one entry per layer; '0' stays a string (no function), plain 3 is a number.
        string config = Fixture().Replace("k: 3\n", "k: [3, 3]\n", StringComparison.Ordinal);
        Import(config).Model.Layers.Select(l => l.K).ShouldBe(new[] { 3, 3 });
        Should.Throw<KanFormatException>(() => Import(Fixture().Replace("k: 3\n", "k: [3, 2, 1]\n", StringComparison.Ordinal)))
            .Detail.ShouldBe("'k' must have 2 entries (one per layer), found 3");
    }

    [Theory]
    [InlineData("flow")]
    [InlineData("block")]
    [InlineData("aliases")]
    public void Deep_nesting_and_alias_bombs_are_refused(string kind)
    {
        string text = kind switch
        {
            "flow" => "width: " + new string('[', 200_000) + new string(']', 200_000) + "\n",
            "block" => "width:\n" + string.Concat(Enumerable.Repeat("- ", 200_000)) + "1\n",
            // a billion laughs: each level doubles what a naive expansion would build
            _ => "base_fun_name: silu\nk: 3\na0: &a0 [x, x]\n" + string.Concat(Enumerable.Range(1, 60).Select(i => "a" + i + ": &a" + i + " [*a" + (i - 1) + ", *a" + (i - 1) + "]\n")) + "width: *a60\n",
        };
        // Recursion would overflow the stack (killing the process) and expanding the aliases would never finish.
        Should.Throw<KanFormatException>(() => Import(text)).Detail.ShouldContain(kind == "aliases" ? "'width[0][0]' must be a whole number, found an array" : "nests deeper than 64 levels");
    }
}
