/*
 * plugin.cpp - the "lockwarden" Clang plugin: options in, findings out.
 *
 * Registers a PluginASTAction that runs after the main action (so
 * `clang -fplugin=lockwarden.so -c x.c` still compiles and -fsyntax-only
 * works), predefines LOCKWARDEN so that annotations/lockwarden.h turns its
 * macros into annotate("lockwarden:...") attributes, records
 * `lockwarden-ignore(...)` comments, lowers the TU (lower-*.cpp), runs the
 * core and turns each lw_diag into a Clang diagnostic.
 *
 * It must not interpret anything: options are parsed by lw_options_set(),
 * suppressions are applied by the core, messages arrive fully worded.
 */
#include "lower.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/FileSystemStatCache.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/HeaderSearchOptions.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstring>
#include <set>

extern "C" {
#include "program.h"
#include "sidecar.h"
}

using namespace clang;

namespace {

/* Every comment containing "lockwarden-ignore(" becomes a suppression on
 * the line where the comment ends (the core also covers the next line). */
class SuppressionComments : public CommentHandler {
public:
	explicit SuppressionComments(lwc::Files &F) : F(F) {}

	bool HandleComment(Preprocessor &PP, SourceRange R) override
	{
		static const char key[] = "lockwarden-ignore(";
		SourceManager &SM = PP.getSourceManager();
		bool bad = false;
		const char *b = SM.getCharacterData(R.getBegin(), &bad);
		const char *e = bad ? nullptr : SM.getCharacterData(R.getEnd(), &bad);
		if (bad || !b || !e || e <= b)
			return false;
		llvm::StringRef text(b, (size_t)(e - b));
		size_t at = text.find(key);
		if (at == llvm::StringRef::npos)
			return false;
		/* The last character of the comment is on the line it ends on. */
		lw_loc end = F.loc(R.getEnd().getLocWithOffset(-1));
		while (at != llvm::StringRef::npos) {
			llvm::StringRef ids = text.substr(at + sizeof(key) - 1);
			size_t close = ids.find(')');
			if (close != llvm::StringRef::npos)
				ids = ids.substr(0, close);
			else /* unterminated: hand over the rest; the core reports it */
				ids = ids.rtrim("*/ \t\r\n");
			lw_tu_add_suppression(F.tu, end.file, end.line, ids.data(),
					      ids.size());
			at = text.find(key, at + 1);
		}
		return false;
	}

private:
	lwc::Files &F;
};

/*
 * Every path clang looked for and did not find while parsing: the include
 * lookups that failed (a/cfg.h before b/cfg.h was found with -Ia -Ib), a
 * __has_include that said no, a missing subdirectory of a search path.  A
 * file that appears at one of them later would be found first, so the
 * driver's cache must treat the unit as stale then (docs/driver.md).  Sits
 * under the FileManager, which asks it once per path, and changes nothing
 * of the answer.
 */
class MissingFiles : public FileSystemStatCache {
public:
	std::set<std::string> paths;

protected:
	std::error_code getStat(llvm::StringRef Path, llvm::vfs::Status &Status, bool isFile,
				std::unique_ptr<llvm::vfs::File> *F,
				llvm::vfs::FileSystem &FS) override
	{
		std::error_code ec =
			FileSystemStatCache::get(Path, Status, isFile, F, nullptr, FS);
		/* Not EACCES and the like: a file that exists but cannot be
		 * read would make the entry stale on every run. */
		if (ec == std::errc::no_such_file_or_directory ||
		    ec == std::errc::not_a_directory)
			paths.insert(Path.str());
		return ec;
	}
};

class Consumer : public ASTConsumer {
public:
	Consumer(CompilerInstance &CI, const lw_options &opts, const std::string &facts,
		 const std::vector<lw_sidecar *> &sidecars)
		: CI(CI), PP(CI.getPreprocessor()), opts(opts), tu(lw_tu_new()),
		  files(CI.getSourceManager(), tu), comments(files), facts(facts),
		  sidecars(sidecars)
	{
		PP.addCommentHandler(&comments);
		listening = true;
		if (!facts.empty())
			watchLookups();
	}

	~Consumer() override
	{
		stopListening();
		lw_tu_free(tu);
	}

	void HandleTranslationUnit(ASTContext &Ctx) override
	{
		stopListening();
		/* A TU with real errors has a partial AST: lowering it would
		 * only produce noise.  Warnings made errors by -Werror are no
		 * reason to stop. */
		if (CI.getDiagnostics().hasUncompilableErrorOccurred())
			return;
		lwc::SidecarNames names;
		for (lw_sidecar *sc : sidecars)
			for (uint32_t i = 0; i < lw_sidecar_nentries(sc); i++) {
				const char *n = lw_sidecar_entry_name(sc, i);
				switch (lw_sidecar_entry_target(sc, i)) {
				case LW_SIDECAR_FIELD:
					names.owners.insert(lw_sidecar_entry_owner(sc, i));
					break;
				case LW_SIDECAR_GLOBAL:
					names.globals.insert(n);
					break;
				case LW_SIDECAR_FUNCTION:
					names.functions.insert(n);
					break;
				}
			}
		lwc::Lowerer(Ctx, files, names).run();
		for (lw_sidecar *sc : sidecars)
			lw_sidecar_apply(sc, tu);
		if (!facts.empty()) {
			writeFacts();
			return;
		}
		lw_diag_sink sink = {};
		sink.emit = &Consumer::emit;
		sink.ctx = this;
		lw_tu_analyze(tu, &opts, &sink);
	}

private:
	/* Facts mode: from here on (the main file is not entered yet), every
	 * failed lookup is recorded.  The search directories themselves were
	 * looked up before the plugin loaded, and clang dropped the missing
	 * ones: those are recorded as they are now. */
	void watchLookups()
	{
		auto owned = std::make_unique<MissingFiles>();
		missing = owned.get();
		CI.getFileManager().setStatCache(std::move(owned));
		const HeaderSearchOptions &HO = CI.getHeaderSearchOpts();
		for (const HeaderSearchOptions::Entry &E : HO.UserEntries) {
			/* A sysroot-relative system directory is not the path
			 * written; leave it to the key (the flags). */
			if (!E.IgnoreSysRoot && HO.Sysroot != "/" && !HO.Sysroot.empty())
				continue;
			if (!llvm::sys::fs::exists(E.Path))
				missing->paths.insert(E.Path);
		}
	}

	/* The path as clang asked for it, made absolute; not normalised, since
	 * "dir/sub/../x.h" is not "dir/x.h" when sub is a symbolic link. */
	static std::string absolute(llvm::StringRef p)
	{
		llvm::SmallString<256> abs(p);
		llvm::sys::fs::make_absolute(abs);
		return abs.str().str();
	}

	/* Whole-program mode: no findings here, the TU's facts go to a file
	 * for the driver, with every file the TU read and its hash, and every
	 * path it looked for in vain. */
	void writeFacts()
	{
		SourceManager &SM = CI.getSourceManager();
		std::vector<std::string> paths;
		for (auto it = SM.fileinfo_begin(); it != SM.fileinfo_end(); ++it) {
#if CLANG_VERSION_MAJOR >= 18
			llvm::StringRef name = it->first.getName();
#else
			llvm::StringRef name = it->first->getName();
#endif
			llvm::SmallString<256> norm(name);
			llvm::sys::fs::make_absolute(norm);
			llvm::sys::path::remove_dots(norm, /*remove_dot_dot=*/true);
			paths.push_back(norm.str().str());
		}
		std::sort(paths.begin(), paths.end());
		paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
		std::vector<std::pair<std::string, std::string>> hashed;
		for (const std::string &p : paths) {
			char hex[LW_HASH_HEX];
			if (lw_hash_file(p.c_str(), hex) == 0) /* not <built-in> */
				hashed.emplace_back(p, hex);
		}
		std::vector<std::string> absent;
		if (missing)
			for (const std::string &p : missing->paths)
				absent.push_back(absolute(p));
		std::sort(absent.begin(), absent.end());
		absent.erase(std::unique(absent.begin(), absent.end()), absent.end());
		std::vector<lw_dep> deps;
		for (const auto &h : hashed)
			deps.push_back(lw_dep{h.first.c_str(), h.second.c_str()});
		for (const std::string &p : absent)
			deps.push_back(lw_dep{p.c_str(), nullptr});
		char err[512] = "";
		if (lw_facts_write(tu, deps.data(), (uint32_t)deps.size(), facts.c_str(),
				   err, sizeof(err)) != 0) {
			DiagnosticsEngine &DE = CI.getDiagnostics();
			DE.Report(DE.getCustomDiagID(DiagnosticsEngine::Error, "lockwarden: %0"))
				<< err;
		}
	}

	void stopListening()
	{
		if (listening)
			PP.removeCommentHandler(&comments);
		listening = false;
	}

	static void emit(void *ctx, const lw_diag *d)
	{
		Consumer *self = static_cast<Consumer *>(ctx);
		DiagnosticsEngine &DE = self->CI.getDiagnostics();
		DiagnosticsEngine::Level lvl;
		switch (d->sev) {
		case LW_SEV_ERROR:
			lvl = DiagnosticsEngine::Error;
			break;
		case LW_SEV_WARNING:
			/* Custom diagnostic ids bypass Clang's warning
			 * options, so -w and -Werror are applied here. */
			if (DE.getIgnoreAllWarnings())
				return;
			lvl = DE.getWarningsAsErrors() ? DiagnosticsEngine::Error
						       : DiagnosticsEngine::Warning;
			break;
		case LW_SEV_NOTE:
			lvl = DiagnosticsEngine::Note;
			break;
		default:
			lvl = DiagnosticsEngine::Remark;
			break;
		}
		DE.Report(self->files.toClang(d->loc), DE.getCustomDiagID(lvl, "%0"))
			<< d->msg;
		unsigned note = DE.getCustomDiagID(DiagnosticsEngine::Note, "%0");
		for (uint32_t i = 0; i < d->nnotes; i++)
			DE.Report(self->files.toClang(d->notes[i].loc), note)
				<< d->notes[i].msg;
	}

	CompilerInstance &CI;
	Preprocessor &PP;
	lw_options opts;
	lw_tu *tu;
	lwc::Files files;
	SuppressionComments comments;
	std::string facts;
	std::vector<lw_sidecar *> sidecars;
	bool listening = false;
	MissingFiles *missing = nullptr; /* owned by the FileManager */
};

class Action : public PluginASTAction {
public:
	Action() { lw_options_init(&opts); }

protected:
	std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
						       llvm::StringRef) override
	{
		/* Runs before the main file is entered, so the predefines
		 * buffer is still to be built. */
		Preprocessor &PP = CI.getPreprocessor();
		PP.setPredefines(PP.getPredefines() + "#define LOCKWARDEN 1\n");
		return std::make_unique<Consumer>(CI, opts, facts, sidecars);
	}

	/* Each -fplugin-arg-lockwarden-KEY=VALUE arrives as "KEY=VALUE". */
	bool ParseArgs(const CompilerInstance &CI,
		       const std::vector<std::string> &args) override
	{
		for (const std::string &arg : args) {
			std::string key = arg, value;
			size_t eq = arg.find('=');
			if (eq != std::string::npos) {
				key = arg.substr(0, eq);
				value = arg.substr(eq + 1);
			}
			if (key == "facts" && eq != std::string::npos && !value.empty()) {
				facts = value;
				continue;
			}
			char err[512] = "";
			if (key == "annotations" && eq != std::string::npos) {
				lw_sidecar *sc = nullptr;
				if (lw_sidecar_load(value.c_str(), &sc, err, sizeof(err)) != 0) {
					DiagnosticsEngine &DE = CI.getDiagnostics();
					DE.Report(DE.getCustomDiagID(DiagnosticsEngine::Error,
								     "lockwarden: %0"))
						<< err;
					return false;
				}
				lw_sidecar_apply_options(sc, &opts);
				sidecars.push_back(sc);
				continue;
			}
			if (lw_options_set(&opts, key.c_str(),
					   eq != std::string::npos ? value.c_str() : nullptr,
					   err, sizeof(err)) != 0) {
				DiagnosticsEngine &DE = CI.getDiagnostics();
				DE.Report(DE.getCustomDiagID(DiagnosticsEngine::Error,
							     "lockwarden: %0"))
					<< err;
				return false;
			}
		}
		return true;
	}

	ActionType getActionType() override { return AddAfterMainAction; }

private:
	lw_options opts;
	std::string facts;
	/* Loaded once per compiler run; freed with the process. */
	std::vector<lw_sidecar *> sidecars;
};

} // namespace

static FrontendPluginRegistry::Add<Action>
	X("lockwarden", "check lock discipline (lockwarden)");
