using System.Collections.Generic;
using System.Text;

namespace Kan.Cli.Csv;

/// <summary>
/// RFC 4180 CSV: comma separated, fields optionally in double quotes (<c>""</c> is a quote inside them, and they
/// may hold commas and line breaks), CRLF or LF line ends. Empty lines are skipped. Anything else malformed
/// (an unclosed quote, text after a closing quote, a quote inside an unquoted field) is a
/// <see cref="CliException"/> naming the file and line.
/// </summary>
public static class CsvReader
{
    public static List<CsvRecord> Parse(string text, string fileName)
    {
        var records = new List<CsvRecord>();
        var field = new StringBuilder();
        int i = 0;
        int line = 1;
        while (i < text.Length)
        {
            int recordLine = line;
            var fields = new List<string>();
            bool blank = true;
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    blank = false;
                    int quoteLine = line;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new CliException(fileName + "(line " + quoteLine + "): a quoted field is never closed");
                        }

                        char c = text[i++];
                        if (c == '"')
                        {
                            if (i < text.Length && text[i] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }

                            break;
                        }

                        if (c == '\n' || (c == '\r' && (i >= text.Length || text[i] != '\n')))
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    if (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                    {
                        throw new CliException(fileName + "(line " + line + "): unexpected '" + text[i] + "' after a closing quote; expected a comma or the end of the line");
                    }
                }
                else
                {
                    while (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                    {
                        if (text[i] == '"')
                        {
                            throw new CliException(fileName + "(line " + line + "): a quote inside an unquoted field; quote the whole field and double the quote");
                        }

                        field.Append(text[i++]);
                    }
                }

                if (field.Length > 0)
                {
                    blank = false;
                }

                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    blank = false;
                    i++;
                    continue;
                }

                break;
            }

            // End of record: CRLF, LF or a lone CR.
            if (i < text.Length && text[i] == '\r')
            {
                i++;
            }

            if (i < text.Length && text[i] == '\n')
            {
                i++;
            }

            line++;
            if (!blank)
            {
                records.Add(new CsvRecord(recordLine, fields));
            }
        }

        return records;
    }
}
