using System.Globalization;
using System.Text;
using MLGov.Core.Errors;

namespace MLGov.Voting.Domain.Choices;

/// <summary>
/// Parses and validates a choice's canonical text for a voting type and a proposal with <c>choiceCount</c> choices
/// (basic always has 3). The grammar is strict so that a choice has exactly one text: decimal numbers without sign,
/// leading zeros or spaces; lists <c>[a,b]</c>; maps <c>{"a":p,"b":q}</c> with keys in ascending order.
/// Per type:
/// <list type="bullet">
/// <item>basic: 1 (for), 2 (against) or 3 (abstain);</item>
/// <item>single-choice: one number in 1..N;</item>
/// <item>approval: a non-empty list of distinct numbers in 1..N, ascending;</item>
/// <item>weighted and quadratic: a non-empty map from choices in 1..N (ascending) to parts in 1..<see cref="MaxParts"/>;</item>
/// <item>ranked-choice: a list of 1..N entries, each 0 (a skipped rank) or a choice in 1..N, at least one not 0;
/// a repeated choice is accepted and counted at its first rank only.</item>
/// </list>
/// Every problem found is listed in the <see cref="ValidationException"/> under the member <c>choice</c>.
/// </summary>
public static class ChoiceParser
{
    /// <summary>The largest number of choices a proposal may have.</summary>
    public const int MaxChoices = 1000;

    /// <summary>The largest part a weighted or quadratic choice may give one choice (parts are proportions, so this loses nothing).</summary>
    public const long MaxParts = 1_000_000_000;

    /// <summary>The number of choices of a basic proposal: for, against, abstain.</summary>
    public const int BasicChoices = 3;

    private const string Member = "choice";

    /// <summary>The choice the text means; throws <see cref="ValidationException"/> listing every problem when it is malformed.</summary>
    public static VoteChoice Parse(VotingType type, int choiceCount, string? text) =>
        TryParse(type, choiceCount, text, out var choice, out var problems)
            ? choice!
            : throw new ValidationException(
                $"The choice is not valid for a {VotingTypes.NameOf(type)} vote: " + string.Join(" ", problems),
                new Dictionary<string, string[]> { [Member] = [.. problems] });

    /// <summary>Whether the text is a valid choice; when not, <paramref name="problems"/> says why.</summary>
    public static bool TryParse(VotingType type, int choiceCount, string? text, out VoteChoice? choice, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        choice = null;
        problems = found;
        if (type == VotingType.Basic)
        {
            choiceCount = BasicChoices;
        }

        if (!Enum.IsDefined(type))
        {
            found.Add("The voting type is unknown.");
            return false;
        }

        if (choiceCount is < 2 or > MaxChoices)
        {
            found.Add($"A proposal has between 2 and {MaxChoices} choices, not {choiceCount}.");
            return false;
        }

        if (string.IsNullOrEmpty(text))
        {
            found.Add("The choice is empty.");
            return false;
        }

        if (text.Length > 16 * MaxChoices)
        {
            found.Add("The choice is too long.");
            return false;
        }

        var reader = new Reader(text);
        switch (type)
        {
            case VotingType.Basic:
            case VotingType.SingleChoice:
                {
                    var number = reader.Number();
                    if (number is null || !reader.AtEnd)
                    {
                        found.Add(type == VotingType.Basic
                            ? "A basic choice is 1 (for), 2 (against) or 3 (abstain)."
                            : $"A single choice is one choice number from 1 to {choiceCount}, written without spaces or leading zeros.");
                        return false;
                    }

                    CheckRange(number.Value, choiceCount, allowZero: false, found);
                    if (found.Count == 0)
                    {
                        choice = new VoteChoice(type, text, [(int)number.Value], []);
                    }

                    return found.Count == 0;
                }

            case VotingType.Approval:
            case VotingType.RankedChoice:
                {
                    var list = reader.List();
                    if (list is null || !reader.AtEnd)
                    {
                        found.Add(type == VotingType.Approval
                            ? "An approval choice is a list of choice numbers in ascending order, e.g. [1,3]."
                            : "A ranked choice is a list of choice numbers, first preference first, e.g. [3,1,2]; 0 marks a skipped rank.");
                        return false;
                    }

                    if (list.Count == 0)
                    {
                        found.Add(type == VotingType.Approval ? "An approval choice approves at least one choice." : "A ranking ranks at least one choice.");
                    }

                    if (type == VotingType.RankedChoice && list.Count > choiceCount)
                    {
                        found.Add($"A ranking has at most {choiceCount} ranks, one per choice; this one has {list.Count}.");
                    }

                    foreach (var number in list)
                    {
                        CheckRange(number, choiceCount, allowZero: type == VotingType.RankedChoice, found);
                    }

                    if (type == VotingType.Approval)
                    {
                        for (var i = 1; i < list.Count; i++)
                        {
                            if (list[i] <= list[i - 1])
                            {
                                found.Add("Approved choices are listed once each, in ascending order.");
                                break;
                            }
                        }
                    }
                    else if (list.Count > 0 && list.All(n => n == 0))
                    {
                        found.Add("A ranking ranks at least one choice: every rank is skipped.");
                    }

                    if (found.Count == 0)
                    {
                        choice = new VoteChoice(type, text, [.. list.Select(n => (int)n)], []);
                    }

                    return found.Count == 0;
                }

            default:
                {
                    var map = reader.Map();
                    if (map is null || !reader.AtEnd)
                    {
                        found.Add("A weighted or quadratic choice is a map from choice numbers to integer parts, keys ascending, e.g. {\"1\":3,\"4\":1}.");
                        return false;
                    }

                    if (map.Count == 0)
                    {
                        found.Add("A weighted or quadratic choice gives parts to at least one choice.");
                    }

                    for (var i = 0; i < map.Count; i++)
                    {
                        CheckRange(map[i].Key, choiceCount, allowZero: false, found);
                        if (map[i].Value is < 1 or > MaxParts)
                        {
                            found.Add($"Each part is between 1 and {MaxParts} (leave a choice out to give it nothing); choice {map[i].Key} has {map[i].Value}.");
                        }

                        if (i > 0 && map[i].Key <= map[i - 1].Key)
                        {
                            found.Add("Choices of a weighted or quadratic choice appear once each, in ascending order.");
                        }
                    }

                    if (found.Count == 0)
                    {
                        choice = new VoteChoice(type, text, [], [.. map.Select(e => new ChoiceAllocation((int)e.Key, e.Value))]);
                    }

                    return found.Count == 0;
                }
        }
    }

    /// <summary>The canonical text of a single choice number.</summary>
    public static string One(int choice) => choice.ToString(CultureInfo.InvariantCulture);

    /// <summary>The canonical text of a list (approval: pass the choices ascending; ranked: the ranking as cast).</summary>
    public static string List(IEnumerable<int> choices) => "[" + string.Join(",", choices.Select(c => c.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The canonical text of a weighted or quadratic choice (keys are sorted here).</summary>
    public static string Map(IEnumerable<ChoiceAllocation> allocations)
    {
        var builder = new StringBuilder("{");
        var first = true;
        foreach (var allocation in allocations.OrderBy(a => a.Choice))
        {
            builder.Append(first ? "\"" : ",\"").Append(allocation.Choice.ToString(CultureInfo.InvariantCulture))
                .Append("\":").Append(allocation.Parts.ToString(CultureInfo.InvariantCulture));
            first = false;
        }

        return builder.Append('}').ToString();
    }

    private static void CheckRange(long number, int choiceCount, bool allowZero, List<string> found)
    {
        if (number > choiceCount || (number == 0 && !allowZero))
        {
            var problem = $"Choice {number} does not exist: choices are numbered 1 to {choiceCount}.";
            if (!found.Contains(problem))
            {
                found.Add(problem);
            }
        }
    }

    /// <summary>A cursor over the strict grammar; each method returns null when the text does not match.</summary>
    private ref struct Reader(string text)
    {
        private readonly string _text = text;
        private int _position;

        public readonly bool AtEnd => _position == _text.Length;

        public long? Number()
        {
            var start = _position;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }

            var length = _position - start;
            // No leading zeros ("0" alone is a number); at most 10 digits keeps every value within a long.
            if (length == 0 || length > 10 || (length > 1 && _text[start] == '0'))
            {
                return null;
            }

            return long.Parse(_text.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        public List<long>? List()
        {
            if (!Take('['))
            {
                return null;
            }

            var items = new List<long>();
            if (Take(']'))
            {
                return items;
            }

            do
            {
                if (Number() is not { } number)
                {
                    return null;
                }

                items.Add(number);
            }
            while (Take(','));

            return Take(']') ? items : null;
        }

        public List<KeyValuePair<long, long>>? Map()
        {
            if (!Take('{'))
            {
                return null;
            }

            var items = new List<KeyValuePair<long, long>>();
            if (Take('}'))
            {
                return items;
            }

            do
            {
                if (!Take('"') || Number() is not { } key || !Take('"') || !Take(':') || Number() is not { } value)
                {
                    return null;
                }

                items.Add(new(key, value));
            }
            while (Take(','));

            return Take('}') ? items : null;
        }

        private bool Take(char c)
        {
            if (_position < _text.Length && _text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }
    }
}
