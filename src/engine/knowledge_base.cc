// Loading happens in the order the pieces depend on each other. Rewrites come
// first, because concept entries are normalised with them. Concepts, topics
// and slots come next, then the corpus (rules cite it), then rules (which add
// their patterns as concepts), and only then is nesting resolved. The typo
// vocabulary is known only once every concept entry has been read, so the
// message normaliser is built last, followed by everything that normalises
// text: the term index, the example index and the passage index.
#include "engine/knowledge_base.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "base/json_document.h"
#include "base/utf8.h"
#include "retrieval/retrieval_terms.h"
#include "rules/rule_loader.h"
#include "text/character_folder.h"

namespace spotter {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::set<std::string, std::less<>> kDocumentKeys = {
    "topics", "rewrites", "concepts", "slots", "rules"};

std::vector<JsonDocument> ReadRuleFiles(const fs::path& directory,
                                        Diagnostics* diagnostics) {
  std::vector<JsonDocument> documents;
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    diagnostics->push_back({directory.string(), 0,
                            "rules directory not found or not readable"});
    return documents;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(directory, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".json") {
      files.push_back(it->path());
    }
  }
  if (error) {
    diagnostics->push_back({directory.string(), 0,
                            "cannot list the rules: " + error.message()});
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      diagnostics->push_back({path.string(), 0, "cannot read the file"});
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (auto document = JsonDocument::Parse(text, path.string(), diagnostics)) {
      if (!document->root().is_object()) {
        diagnostics->push_back({path.string(), 1, "a rule file must be one "
                                "JSON object"});
        continue;
      }
      for (const auto& [key, value] : document->root().items()) {
        if (!kDocumentKeys.contains(key)) {
          diagnostics->push_back(document->At(
              json::json_pointer() / key,
              fmt::format("unknown section \"{}\"; expected topics, rewrites, "
                          "concepts, slots or rules", key)));
        }
      }
      documents.push_back(std::move(*document));
    }
  }
  return documents;
}

// *.words files: one known word a line, # comments. Words here are correct
// as they are, so typo correction leaves them alone.
std::vector<std::string> ReadWordLists(const fs::path& directory,
                                       Diagnostics* diagnostics) {
  std::vector<std::string> words;
  std::error_code error;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(directory, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".words") {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    std::ifstream in(path);
    if (!in) {
      diagnostics->push_back({path.string(), 0, "cannot read the file"});
      continue;
    }
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (line.empty() || line[0] == '#') continue;
      if (!IsValidUtf8(line) || line.find(' ') != std::string::npos) {
        diagnostics->push_back({path.string(), number,
                                "a word list holds one word a line, in UTF-8"});
        continue;
      }
      words.push_back(FoldCharacters(line));
    }
  }
  return words;
}

StringMap<std::string> ReadRewrites(const std::vector<JsonDocument>& documents,
                                    Diagnostics* diagnostics) {
  StringMap<std::string> rewrites;
  for (const JsonDocument& document : documents) {
    if (!document.root().contains("rewrites")) continue;
    const json::json_pointer base("/rewrites");
    const json& section = document.root()["rewrites"];
    if (!section.is_object()) {
      diagnostics->push_back(document.At(base, "\"rewrites\" must be an object"));
      continue;
    }
    for (const auto& [from, to] : section.items()) {
      if (!to.is_string()) {
        diagnostics->push_back(document.At(
            base / from, fmt::format("rewrite of \"{}\" must be a string", from)));
        continue;
      }
      if (!rewrites.emplace(FoldCharacters(from), FoldCharacters(to.get<std::string>()))
               .second) {
        diagnostics->push_back(document.At(
            base / from, fmt::format("\"{}\" is rewritten twice", from)));
      }
    }
  }
  return rewrites;
}

// Words editors wrote anywhere (passages, examples, answers): correct as they
// are, so never "corrected" into a concept word.
std::vector<std::string> KnownWords(const Corpus& corpus,
                                    const std::vector<Rule>& rules,
                                    const Normalizer& normalizer,
                                    std::vector<std::string> listed) {
  std::set<std::string> words(std::make_move_iterator(listed.begin()),
                              std::make_move_iterator(listed.end()));
  auto add = [&](std::string_view text) {
    for (const Token& token : normalizer.Normalize(text).tokens) {
      if (!token.is_break) words.insert(token.word);
    }
  };
  for (const Passage& passage : corpus.passages()) {
    add(passage.title);
    add(passage.text);
  }
  for (const Rule& rule : rules) {
    for (const std::string& example : rule.examples) add(example);
    if (rule.answer.summary) add(*rule.answer.summary);
  }
  return {words.begin(), words.end()};
}

}  // namespace

std::unique_ptr<const KnowledgeBase> KnowledgeBase::Load(
    const EngineOptions& options, Diagnostics* diagnostics) {
  auto kb = std::make_unique<KnowledgeBase>();
  kb->options = options;
  const std::size_t problems_before = diagnostics->size();

  const std::vector<JsonDocument> documents =
      ReadRuleFiles(options.rules_dir, diagnostics);
  kb->rule_file_count = documents.size();
  StringMap<std::string> rewrites = ReadRewrites(documents, diagnostics);
  std::vector<std::string> listed_words =
      ReadWordLists(options.rules_dir, diagnostics);

  const Lexicon rewrite_only(rewrites, {}, {});
  const Normalizer entry_normalizer(rewrite_only, /*correct_typos=*/false);
  for (const JsonDocument& document : documents) {
    kb->concepts.AddDocument(document, entry_normalizer, diagnostics);
    kb->topics.AddDocument(document, diagnostics);
  }
  for (const JsonDocument& document : documents) {
    kb->slots.AddDocument(document, kb->concepts, diagnostics);
  }
  kb->corpus = Corpus::Load(options.corpus_dir, diagnostics);

  RuleLoader loader(&kb->concepts, kb->topics, kb->slots,
                    [corpus = &kb->corpus](std::string_view id) {
                      return corpus->Find(id) != nullptr;
                    });
  for (const JsonDocument& document : documents) {
    loader.AddDocument(document, &kb->rules, diagnostics);
  }
  loader.Finish(kb->rules, diagnostics);
  kb->concepts.Resolve(diagnostics);
  if (diagnostics->size() != problems_before) return nullptr;

  kb->lexicon = Lexicon(std::move(rewrites), kb->concepts.EntryWords(),
                        KnownWords(kb->corpus, kb->rules, entry_normalizer,
                                   std::move(listed_words)));
  kb->normalizer = std::make_unique<Normalizer>(kb->lexicon, /*correct_typos=*/true);
  kb->terms = TermIndex::Build(kb->concepts.terms(), options.term_set_memory_bytes,
                               diagnostics);
  if (!kb->terms) return nullptr;
  kb->negation = std::make_unique<Negation>(kb->concepts);
  kb->matcher =
      std::make_unique<ConceptMatcher>(kb->concepts, *kb->terms, *kb->negation);

  std::vector<const Rule*> topic_rules;
  for (const Rule& rule : kb->rules) {
    kb->rule_by_id.emplace(rule.id, &rule);
    if (rule.kind == RuleKind::kTopic) {
      topic_rules.push_back(&rule);
      kb->default_rule_by_topic.emplace(rule.topic, &rule);
    }
  }
  kb->topic_scorer = std::make_unique<Scorer>(std::move(topic_rules),
                                              kb->concepts.size(),
                                              /*use_context=*/true);
  kb->safety = std::make_unique<SafetyCheck>(kb->rules, kb->concepts.size());
  kb->composer = std::make_unique<Composer>(kb->corpus, kb->rules);
  const KnowledgeBase* self = kb.get();
  auto terms_of = [self](std::string_view text) { return self->TermsOf(text); };
  kb->examples = std::make_unique<ExampleIndex>(kb->rules, terms_of);
  // Passages are indexed by their stems alone: matching concepts in the
  // whole corpus would cost a third of the load, and the lexicon's rewrites
  // already turn shorthand ("deads") into words the passages use.
  auto stems_of = [self](std::string_view text) {
    return RetrievalTerms(self->normalizer->Normalize(text), {}, self->concepts,
                          *self->negation);
  };
  kb->passages = std::make_unique<PassageIndex>(kb->corpus, stems_of);
  return kb;
}

std::vector<std::string> KnowledgeBase::TermsOf(std::string_view text) const {
  const NormalizedText normalized = normalizer->Normalize(text);
  return RetrievalTerms(normalized, matcher->Match(normalized), concepts, *negation);
}

const Rule* KnowledgeBase::DefaultRule(std::string_view topic) const {
  auto it = default_rule_by_topic.find(topic);
  return it == default_rule_by_topic.end() ? nullptr : it->second;
}

const Rule* KnowledgeBase::FindRule(std::string_view id) const {
  auto it = rule_by_id.find(id);
  return it == rule_by_id.end() ? nullptr : it->second;
}

}  // namespace spotter
