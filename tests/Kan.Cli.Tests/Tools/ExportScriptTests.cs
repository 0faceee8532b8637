using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kan.Format;
using Kan.Interop;

namespace Kan.Cli.Tests.Tools;

/// <summary>
/// CI has no PyTorch, so tools/export_pykan.py cannot run here. Instead its text is read: the keys it writes into
/// the dump and into <c>config</c> must be exactly the keys of the real pykan fixtures, and a dump holding only
/// those keys must import. Renaming, adding or dropping a key in the script (or in the importer) fails here.
/// </summary>
public class ExportScriptTests
{
    private static readonly string Script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Tools", "export_pykan.py"));

    [Fact]
    public void Script_writes_the_importers_format_name()
    {
        DictKeys("dump").ShouldContain("format");
        Script.ShouldContain("\"format\": \"" + PykanImporter.FormatName + "\"");
        Script.ShouldContain("def export(model, path, samples=None, note=\"\"");
    }

    [Fact]
    public void Script_keys_match_the_pykan_fixture_keys()
    {
        JsonObject fixture = Fixture();
        DictKeys("dump").OrderBy(k => k, StringComparer.Ordinal).ShouldBe(
            fixture.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        ConfigKeys(depth: 2).OrderBy(k => k, StringComparer.Ordinal).ShouldBe(
            fixture["config"]!.AsObject().Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        Script.ShouldContain("{\"shape\": list(t.shape), \"data\": ");
        Script.ShouldContain("\"samples\": {\"inputs\": ");
        Script.ShouldContain(", \"outputs\": ");
    }

    [Fact]
    public void A_dump_with_exactly_the_script_keys_imports_and_one_without_a_required_key_does_not()
    {
        JsonObject fixture = Fixture();
        string Only(IEnumerable<string> top, IEnumerable<string> config)
        {
            var dump = new JsonObject();
            foreach (string key in top)
            {
                dump[key] = fixture[key]!.DeepClone();
            }

            var c = new JsonObject();
            foreach (string key in config)
            {
                c[key] = fixture["config"]![key]!.DeepClone();
            }

            dump["config"] = c;
            return dump.ToJsonString();
        }

        var top = DictKeys("dump").ToList();
        var config = ConfigKeys(depth: 2).ToList();
        KanModel model = PykanImporter.Parse(Only(top, config));
        model.Layers.Length.ShouldBe(2);

        // The check has teeth: losing any key the importer needs fails the import.
        foreach (string required in new[] { "k", "width", "base_fun_name", "symbolic.funs_name.0" })
        {
            Should.Throw<KanFormatException>(() => PykanImporter.Parse(Only(top, config.Where(k => k != required))));
        }

        Should.Throw<KanFormatException>(() => PykanImporter.Parse(Only(top.Where(k => k != "state_dict"), config)));
    }

    /// <summary>The string keys of the Python dict literal assigned to <paramref name="name"/> (<c>name = { "key": ... }</c>).</summary>
    private static IEnumerable<string> DictKeys(string name)
    {
        Match block = Regex.Match(Script, @"^\s*" + name + @" = \{\n(.*?)\n\s*\}\n", RegexOptions.Singleline | RegexOptions.Multiline);
        block.Success.ShouldBeTrue("no '" + name + " = {' dict literal in the script");
        return Regex.Matches(block.Groups[1].Value, "^\\s*\"([^\"]+)\":", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>The config literal's keys plus the per-layer keys the script adds with <c>config[f"...{l}"]</c>.</summary>
    private static IEnumerable<string> ConfigKeys(int depth)
    {
        var perLayer = Regex.Matches(Script, "config\\[f\"([^\"{]+)\\{l\\}\"\\]").Select(m => m.Groups[1].Value).ToList();
        perLayer.ShouldNotBeEmpty();
        return DictKeys("config").Concat(perLayer.SelectMany(p => Enumerable.Range(0, depth).Select(l => p + l)));
    }

    private static JsonObject Fixture() => JsonNode.Parse(File.ReadAllText(CliRunner.Fixture("toy_spline.json")))!.AsObject();
}
