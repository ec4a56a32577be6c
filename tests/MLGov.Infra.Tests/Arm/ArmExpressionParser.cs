using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MLGov.Infra.Tests.Arm;

/// <summary>Parses ARM template language expressions (the text between the outer brackets of "[...]").</summary>
public sealed class ArmExpressionParser
{
    private readonly string _source;
    private int _position;

    private ArmExpressionParser(string source) => _source = source;

    /// <summary>True when a template string is an expression: "[...]" but not the "[[" escape.</summary>
    public static bool IsExpression(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' && value[1] != '[';

    public static ArmSyntax Parse(string expression)
    {
        var body = IsExpression(expression) ? expression[1..^1] : expression;
        var parser = new ArmExpressionParser(body);
        var result = parser.ParseExpression();
        parser.SkipWhitespace();
        if (parser._position != body.Length)
        {
            throw new FormatException($"Unexpected '{body[parser._position..]}' in expression '{body}'.");
        }

        return result;
    }

    private ArmSyntax ParseExpression()
    {
        var start = SkipWhitespace();
        var node = ParsePrimary();
        while (true)
        {
            SkipWhitespace();
            if (Peek() == '.')
            {
                _position++;
                var name = ReadIdentifier();
                node = new ArmMember(node, name, _source[start.._position]);
            }
            else if (Peek() == '[')
            {
                _position++;
                var index = ParseExpression();
                Expect(']');
                node = new ArmIndex(node, index, _source[start.._position]);
            }
            else
            {
                return node;
            }
        }
    }

    private ArmSyntax ParsePrimary()
    {
        var start = SkipWhitespace();
        var c = Peek();
        if (c == '\'')
        {
            return new ArmLiteral(JsonValue.Create(ReadString()), _source[start.._position]);
        }

        if (char.IsDigit(c) || c == '-')
        {
            _position++;
            while (char.IsDigit(Peek()))
            {
                _position++;
            }

            var text = _source[start.._position];
            return new ArmLiteral(JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)), text);
        }

        var name = ReadIdentifier();
        SkipWhitespace();
        if (Peek() != '(')
        {
            return name switch
            {
                "true" => new ArmLiteral(JsonValue.Create(true), name),
                "false" => new ArmLiteral(JsonValue.Create(false), name),
                "null" => new ArmLiteral(null, name),
                _ => throw new FormatException($"Bare identifier '{name}' in '{_source}'."),
            };
        }

        _position++;
        var arguments = new List<ArmSyntax>();
        SkipWhitespace();
        if (Peek() == ')')
        {
            _position++;
        }
        else
        {
            while (true)
            {
                arguments.Add(ParseExpression());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                    continue;
                }

                Expect(')');
                break;
            }
        }

        return new ArmCall(name, arguments, _source[start.._position]);
    }

    private string ReadString()
    {
        Expect('\'');
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _source.Length)
            {
                throw new FormatException($"Unterminated string in '{_source}'.");
            }

            var c = _source[_position++];
            if (c == '\'')
            {
                if (Peek() == '\'')
                {
                    value.Append('\'');
                    _position++;
                    continue;
                }

                return value.ToString();
            }

            value.Append(c);
        }
    }

    private string ReadIdentifier()
    {
        var start = _position;
        while (_position < _source.Length && (char.IsLetterOrDigit(_source[_position]) || _source[_position] is '_' or '$'))
        {
            _position++;
        }

        if (start == _position)
        {
            throw new FormatException($"Identifier expected at {start} in '{_source}'.");
        }

        return _source[start.._position];
    }

    private void Expect(char c)
    {
        SkipWhitespace();
        if (Peek() != c)
        {
            throw new FormatException($"'{c}' expected at {_position} in '{_source}'.");
        }

        _position++;
    }

    private char Peek() => _position < _source.Length ? _source[_position] : '\0';

    private int SkipWhitespace()
    {
        while (_position < _source.Length && char.IsWhiteSpace(_source[_position]))
        {
            _position++;
        }

        return _position;
    }
}
