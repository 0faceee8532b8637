using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Kan.Format;
using Kan.Format.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kan.Interop.Pykan
{
    /// <summary>
    /// Reads a YAML document (pykan's <c>_config.yml</c>, written by PyYAML) into the located <see cref="JsonValue"/>
    /// tree the rest of the import reads, so a bad value points at its line and column in the YAML file.
    /// Plain scalars are typed as PyYAML types them (integers, floats, booleans, null); quoted ones stay strings.
    /// A <c>!!python/object:module.Class</c> node (PyYAML's dump of a Python object, such as a <c>SiLU</c> module in
    /// <c>base_fun_name</c>) becomes the string <c>module.Class</c>: named, never constructed.
    /// </summary>
    internal static class YamlTree
    {
        private const string PythonObjectTag = "tag:yaml.org,2002:python/object:";

        private static readonly Regex IntPattern = new Regex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);

        private static readonly Regex FloatPattern = new Regex(@"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

        public static JsonValue Parse(string text, string fileName)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                throw new KanFormatException(fileName, Position(e.Start), "invalid YAML: " + (e.InnerException?.Message ?? e.Message));
            }
            catch (InvalidOperationException e)
            {
                // YamlDotNet 16's scanner throws this (without a location) on some malformed plain scalars.
                throw new KanFormatException(fileName, new TextPosition(0, 1, 1, 0), "invalid YAML (" + e.Message.TrimEnd('.') + ")");
            }

            if (stream.Documents.Count != 1)
            {
                throw new KanFormatException(fileName, new TextPosition(0, 1, 1, 0), "expected one YAML document, found " + stream.Documents.Count);
            }

            return Convert(stream.Documents[0].RootNode);
        }

        private static JsonValue Convert(YamlNode node)
        {
            TextPosition at = Position(node.Start);
            string tag = node.Tag.IsEmpty ? string.Empty : node.Tag.Value;
            if (tag.StartsWith(PythonObjectTag, StringComparison.Ordinal))
            {
                return JsonValue.String(at, tag.Substring(PythonObjectTag.Length));
            }

            switch (node)
            {
                case YamlMappingNode map:
                    var members = new List<JsonMember>();
                    foreach (var pair in map.Children)
                    {
                        string name = pair.Key is YamlScalarNode key ? key.Value ?? string.Empty : "?";
                        members.Add(new JsonMember(name, Position(pair.Key.Start), Convert(pair.Value)));
                    }

                    return JsonValue.Object(at, members);
                case YamlSequenceNode seq:
                    var items = new List<JsonValue>();
                    foreach (var child in seq.Children)
                    {
                        items.Add(Convert(child));
                    }

                    return JsonValue.Array(at, items);
                case YamlScalarNode scalar:
                    return Scalar(scalar, at);
                default:
                    return JsonValue.Literal(JsonKind.Null, at);
            }
        }

        private static JsonValue Scalar(YamlScalarNode scalar, TextPosition at)
        {
            string text = scalar.Value ?? string.Empty;
            if (scalar.Style != ScalarStyle.Plain)
            {
                return JsonValue.String(at, text);
            }

            switch (text)
            {
                case "true" or "True" or "TRUE":
                    return JsonValue.Literal(JsonKind.True, at);
                case "false" or "False" or "FALSE":
                    return JsonValue.Literal(JsonKind.False, at);
                case "" or "~" or "null" or "Null" or "NULL":
                    return JsonValue.Literal(JsonKind.Null, at);
            }

            if (IntPattern.IsMatch(text) || FloatPattern.IsMatch(text))
            {
                return JsonValue.Number(at, text.TrimStart('+'));
            }

            return JsonValue.String(at, text);
        }

        private static TextPosition Position(Mark mark) =>
            new TextPosition((int)System.Math.Min(mark.Index, int.MaxValue), (int)System.Math.Max(1, mark.Line), (int)System.Math.Max(1, mark.Column), 0);
    }
}
