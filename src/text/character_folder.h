// Folds Unicode text to the lower-case, mostly-ASCII form the matcher reads:
// "Déjà-vu — it’s 💪" becomes "deja-vu - it's  ". Accented Latin letters lose
// their accents, curly quotes and dashes become plain ones, and emoji and
// other symbols become spaces (so "sore😩after" stays two words). Letters of
// other scripts are kept as they are.
#ifndef SPOTTER_TEXT_CHARACTER_FOLDER_H_
#define SPOTTER_TEXT_CHARACTER_FOLDER_H_

#include <string>
#include <string_view>

namespace spotter {

// Precondition: `text` is valid UTF-8 (see base/utf8.h).
std::string FoldCharacters(std::string_view text);

}  // namespace spotter

#endif  // SPOTTER_TEXT_CHARACTER_FOLDER_H_
