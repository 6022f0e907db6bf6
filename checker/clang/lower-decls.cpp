/*
 * lower-decls.cpp - declarations into the IR: files and locations, types,
 * records and their fields, globals, function declarations, annotations.
 *
 * Walks the TU's declarations once, then lowers every function body that is
 * not in a system header (lower-cfg.cpp), except a header's static functions
 * the unit does not use.  Records are registered only where an annotation may
 * reach them (docs/design.md, "Which bodies are lowered").  Annotations are passed on as the
 * strings the user wrote ("lockwarden:guarded_by(lock)"), never parsed here:
 * the core owns their grammar and their errors.  Types are memoised so that
 * lowering stays linear in the size of the TU, headers included.
 *
 * Must not: judge an annotation (misplaced ones go to lw_tu_add_stray_annot
 * with where they were found), lower bodies from system headers, or visit
 * a declaration twice.
 */
#include "lower.h"

#include "clang/Basic/FileManager.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/ADT/SmallString.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclBase.h"
#include "clang/AST/PrettyPrinter.h"

using namespace clang;

namespace lwc {

/* ---- files and locations ------------------------------------------------- */

uint32_t Files::fileId(FileID FID)
{
	auto it = ids.find(FID.getHashValue());
	if (it != ids.end())
		return it->second;
	SourceLocation start = SM.getLocForStartOfFile(FID);
	llvm::StringRef name = SM.getFilename(start);
	if (name.empty())
		name = SM.getBufferName(start); /* <built-in>, <scratch space> */
	/* One file, one name: "src/../include/h.h" and "include/h.h" are the
	 * same header, and whole-program linking matches files by name. */
	llvm::SmallString<256> norm(name);
	if (name.empty() || name[0] != '<') {
		llvm::sys::fs::make_absolute(norm);
		llvm::sys::path::remove_dots(norm, /*remove_dot_dot=*/true);
	}
	uint32_t id = lw_tu_file(tu, norm.c_str());
	ids.emplace(FID.getHashValue(), id);
	if (back.size() <= id)
		back.resize(id + 1);
	if (back[id].isInvalid())
		back[id] = FID;
	return id;
}

lw_loc Files::loc(SourceLocation L)
{
	lw_loc r = {0, 0, 0};
	if (L.isInvalid())
		return r;
	L = SM.getExpansionLoc(L);
	std::pair<FileID, unsigned> d = SM.getDecomposedLoc(L);
	if (d.first.isInvalid())
		return r;
	r.file = fileId(d.first);
	r.line = SM.getLineNumber(d.first, d.second);
	r.col = SM.getColumnNumber(d.first, d.second);
	return r;
}

SourceLocation Files::toClang(const lw_loc &l) const
{
	if (l.file == 0 || l.line == 0 || l.file >= lw_tu_nfiles(tu))
		return SourceLocation();
	if (back.size() <= l.file)
		back.resize(l.file + 1);
	if (back[l.file].isInvalid()) {
		/* A file the compiler never read, such as a sidecar YAML
		 * file: load it so that a diagnostic can point into it. */
		auto FE = SM.getFileManager().getFileRef(lw_tu_file_name(tu, l.file));
		if (!FE) {
			llvm::consumeError(FE.takeError());
			return SourceLocation();
		}
		back[l.file] = SM.createFileID(*FE, SourceLocation(), SrcMgr::C_User);
	}
	return SM.translateLineCol(back[l.file], l.line, l.col ? l.col : 1);
}

bool Files::inSystemHeader(SourceLocation L) const
{
	return L.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(L));
}

/* ---- the TU --------------------------------------------------------------- */

Lowerer::Lowerer(ASTContext &Ctx, Files &F, const SidecarNames &names)
	: Ctx(Ctx), SM(Ctx.getSourceManager()), tu(F.tu), F(F), names(names)
{
}

lw_str Lowerer::intern(llvm::StringRef s)
{
	return lw_intern(tu, s.data(), s.size());
}

static bool isLockwarden(const AnnotateAttr *A)
{
	static const llvm::StringRef prefix("lockwarden:");
	return A->getAnnotation().take_front(prefix.size()) == prefix;
}

/* A typedef of a function or function-pointer type that T names (directly,
 * or as the pointee): its LW_BLOCKING / LW_NONBLOCKING say what every call
 * through a T does. */
static const TypedefNameDecl *fnTypedef(QualType T)
{
	for (int depth = 0; depth < 2 && !T.isNull(); depth++) {
		if (const auto *TT = T->getAs<TypedefType>()) {
			const TypedefNameDecl *TD = TT->getDecl();
			QualType U = TD->getUnderlyingType();
			if (U->isFunctionType() || U->isFunctionPointerType())
				return TD;
		}
		if (const auto *PT = T->getAs<PointerType>())
			T = PT->getPointeeType();
		else
			break;
	}
	return nullptr;
}

static bool callsAnnot(llvm::StringRef t)
{
	return t == "lockwarden:blocking" || t == "lockwarden:nonblocking";
}

/* A's text into out, once: a header read twice or a redeclaration
 * repeats annotations. */
void Lowerer::addAnnot(const AnnotateAttr *A, std::vector<lw_annot_src> &out,
		       std::deque<std::string> &store)
{
	llvm::StringRef t = A->getAnnotation();
	for (const lw_annot_src &s : out)
		if (t == s.text)
			return;
	store.push_back(t.str());
	lw_annot_src src;
	src.text = store.back().c_str();
	src.loc = loc(A->getLocation());
	out.push_back(src);
}

void Lowerer::typeAnnots(QualType T, std::vector<lw_annot_src> &out,
			 std::deque<std::string> &store)
{
	const TypedefNameDecl *TD = fnTypedef(T);
	if (!TD)
		return;
	for (const AnnotateAttr *A : TD->specific_attrs<AnnotateAttr>())
		if (callsAnnot(A->getAnnotation()))
			addAnnot(A, out, store);
}

bool Lowerer::typeAnnotated(QualType T) const
{
	const TypedefNameDecl *TD = fnTypedef(T);
	if (!TD)
		return false;
	for (const AnnotateAttr *A : TD->specific_attrs<AnnotateAttr>())
		if (callsAnnot(A->getAnnotation()))
			return true;
	return false;
}

void Lowerer::annots(const Decl *D, std::vector<lw_annot_src> &out,
		     std::deque<std::string> &store)
{
	for (const AnnotateAttr *A : D->specific_attrs<AnnotateAttr>())
		if (isLockwarden(A))
			addAnnot(A, out, store);
}

void Lowerer::stray(const Decl *D, const char *where, bool (*allowed)(llvm::StringRef))
{
	for (const AnnotateAttr *A : D->specific_attrs<AnnotateAttr>()) {
		/* Sema copies a parameter's attributes to the same parameter
		 * of every later redeclaration: report the original only. */
		if (!isLockwarden(A) || A->isInherited())
			continue;
		if (allowed && allowed(A->getAnnotation()))
			continue; /* applied where the type is used (typeAnnots) */
		std::string text = A->getAnnotation().str();
		lw_stray_annot s;
		s.src.text = text.c_str();
		s.src.loc = loc(A->getLocation());
		s.where = where;
		lw_tu_add_stray_annot(tu, &s);
	}
}

/* ---- types ------------------------------------------------------------------ */

lw_str Lowerer::recordName(const RecordDecl *RD)
{
	RD = cast<RecordDecl>(RD->getCanonicalDecl());
	auto it = recNames.find(RD);
	if (it != recNames.end())
		return it->second;
	const RecordDecl *Def = RD->getDefinition() ? RD->getDefinition() : RD;
	std::string name;
	if (!Def->getName().empty()) {
		name = Def->getName().str();
	} else if (const TypedefNameDecl *TD = Def->getTypedefNameForAnonDecl()) {
		name = TD->getName().str();
	} else {
		lw_loc l = loc(Def->getLocation());
		name = std::string("(anonymous ") + (Def->isUnion() ? "union" : "struct") +
		       " at " + lw_tu_file_name(tu, l.file) + ":" +
		       std::to_string(l.line) + ")";
	}
	lw_str s = intern(name);
	recNames[RD] = s;
	return s;
}

lw_str Lowerer::fieldRecord(const FieldDecl *FD)
{
	const RecordDecl *RD = FD->getParent();
	while (RD->isAnonymousStructOrUnion() && isa<RecordDecl>(RD->getParent()))
		RD = cast<RecordDecl>(RD->getParent());
	return recordName(RD);
}

const lw_type *Lowerer::type(QualType T)
{
	if (T.isNull())
		return lw_type_new(tu, LW_TY_OTHER, intern("<no type>"), nullptr, 0);
	auto it = typeMemo.find(T.getAsOpaquePtr());
	if (it != typeMemo.end())
		return it->second;
	const lw_type *r;
	QualType C = T.getCanonicalType();
	if (const RecordType *RT = dyn_cast<RecordType>(C.getTypePtr())) {
		const RecordDecl *RD = cast<RecordDecl>(RT->getDecl()->getCanonicalDecl());
		auto rt = recTypeMemo.find(RD);
		if (rt != recTypeMemo.end()) {
			r = rt->second;
		} else {
			r = lw_type_new(tu, LW_TY_RECORD, recordName(RD), nullptr, 0);
			recTypeMemo[RD] = r;
		}
	} else if (C->isPointerType()) {
		QualType P = T->getPointeeType();
		const lw_type *pt = type(P);
		int isConst = P.getCanonicalType().isConstQualified();
		auto key = std::make_pair(pt, isConst);
		auto pi = ptrMemo.find(key);
		if (pi != ptrMemo.end()) {
			r = pi->second;
		} else {
			r = lw_type_new(tu, LW_TY_POINTER, 0, pt, isConst);
			ptrMemo[key] = r;
		}
	} else if (const ArrayType *AT = Ctx.getAsArrayType(T)) {
		const lw_type *et = type(AT->getElementType());
		auto ai = arrMemo.find(et);
		if (ai != arrMemo.end()) {
			r = ai->second;
		} else {
			r = lw_type_new(tu, LW_TY_ARRAY, 0, et, 0);
			arrMemo[et] = r;
		}
	} else {
		PrintingPolicy PP(Ctx.getLangOpts());
		std::string name = T.getAsString(PP);
		auto oi = otherMemo.find(name);
		if (oi != otherMemo.end()) {
			r = oi->second;
		} else {
			r = lw_type_new(tu, LW_TY_OTHER, intern(name), nullptr, 0);
			otherMemo[name] = r;
		}
	}
	typeMemo[T.getAsOpaquePtr()] = r;
	return r;
}

/* ---- records -------------------------------------------------------------- */

bool Lowerer::annotated(const RecordDecl *RD) const
{
	for (const FieldDecl *FD : RD->fields()) {
		if (FD->isAnonymousStructOrUnion()) {
			const RecordDecl *Sub = FD->getType()->getAsRecordDecl();
			if (Sub && Sub->getDefinition() && annotated(Sub->getDefinition()))
				return true;
			continue;
		}
		for (const AnnotateAttr *A : FD->specific_attrs<AnnotateAttr>())
			if (isLockwarden(A))
				return true;
		if (typeAnnotated(FD->getType()))
			return true;
	}
	return false;
}

void Lowerer::require(QualType T)
{
	for (;;) {
		if (T.isNull())
			return;
		QualType C = T.getCanonicalType();
		if (const RecordType *RT = dyn_cast<RecordType>(C.getTypePtr())) {
			record(RT->getDecl());
			return;
		}
		if (C->isPointerType())
			T = C->getPointeeType();
		else if (const ArrayType *AT = Ctx.getAsArrayType(C))
			T = AT->getElementType();
		else
			return;
	}
}

void Lowerer::record(const RecordDecl *RD)
{
	RD = RD->getDefinition();
	if (!RD || RD->isAnonymousStructOrUnion()) /* flattened into parent */
		return;
	if (recDone.count(RD))
		return;
	recDone[RD] = true;
	recQueue.push_back(RD);
}

/* Fields of an anonymous struct or union member are fields of the record
 * that contains it (C11 6.7.2.1p13), so they are flattened into it. */
void Lowerer::fields(const RecordDecl *RD, std::vector<lw_field> &out,
		     std::deque<std::vector<lw_annot_src>> &lists,
		     std::deque<std::string> &store)
{
	for (const FieldDecl *FD : RD->fields()) {
		if (FD->isAnonymousStructOrUnion()) {
			const RecordDecl *Sub = FD->getType()->getAsRecordDecl();
			if (Sub && Sub->getDefinition())
				fields(Sub->getDefinition(), out, lists, store);
			continue;
		}
		if (FD->getName().empty()) /* unnamed bit-field */
			continue;
		lists.emplace_back();
		annots(FD, lists.back(), store);
		typeAnnots(FD->getType(), lists.back(), store);
		lw_field f;
		f.name = intern(FD->getName());
		f.loc = loc(FD->getLocation());
		f.type = type(FD->getType());
		require(FD->getType()); /* lock expressions follow fields */
		f.nannots = (uint32_t)lists.back().size();
		f.annots = lists.back().empty() ? nullptr : lists.back().data();
		out.push_back(f);
	}
}

/* type() queues the records it meets; registering their fields may queue
 * more.  Each definition is registered once (recDone), so self-referential
 * structs terminate. */
void Lowerer::flushRecords()
{
	while (!recQueue.empty()) {
		const RecordDecl *RD = recQueue.back();
		recQueue.pop_back();
		std::vector<lw_field> fs;
		std::deque<std::vector<lw_annot_src>> lists;
		std::deque<std::string> store;
		fields(RD, fs, lists, store);
		lw_record r;
		r.name = recordName(RD);
		r.loc = loc(RD->getLocation());
		r.nfields = (uint32_t)fs.size();
		r.fields = fs.empty() ? nullptr : fs.data();
		lw_tu_add_record(tu, &r);
	}
}

/* ---- functions and globals ------------------------------------------------ */

static bool ownLockwardenAnnot(const Decl *D)
{
	for (const AnnotateAttr *A : D->specific_attrs<AnnotateAttr>())
		if (isLockwarden(A) && !A->isInherited())
			return true;
	return false;
}

/* All redeclarations, first one first. */
template <typename T> static std::vector<const T *> chain(const T *D)
{
	std::vector<const T *> v;
	for (const T *R : D->getMostRecentDecl()->redecls())
		v.push_back(R);
	std::reverse(v.begin(), v.end());
	return v;
}

int32_t Lowerer::fdecl(const FunctionDecl *FD)
{
	use(FD);
	FD = FD->getCanonicalDecl();
	auto it = fdecls.find(FD);
	if (it != fdecls.end())
		return it->second;
	std::vector<const FunctionDecl *> all = chain(FD);
	const FunctionDecl *Def = FD->getDefinition();
	/* Annotations name parameters as the declaration they are written on
	 * does, and lw_fdecl has one set of names: take them from the first
	 * declaration that writes lockwarden annotations, else from the
	 * definition, else from the latest prototype. */
	const FunctionDecl *P = Def ? Def : all.back();
	for (const FunctionDecl *R : all) {
		if (ownLockwardenAnnot(R)) {
			P = R;
			break;
		}
	}
	std::vector<lw_annot_src> as;
	std::deque<std::string> store;
	uint32_t flags = 0;
	for (const FunctionDecl *R : all) {
		annots(R, as, store);
		if (R->isNoReturn())
			flags |= LW_FD_NORETURN;
	}
	if (!FD->isExternallyVisible())
		flags |= LW_FD_STATIC;
	if (Def)
		flags |= LW_FD_HAS_BODY;
	/* Lock expressions in its annotations start at its parameters. */
	bool lockExprs = !as.empty() || names.functions.count(FD->getName());
	std::vector<lw_var> params;
	for (const ParmVarDecl *PV : P->parameters()) {
		lw_var v;
		v.name = intern(PV->getName());
		v.type = type(PV->getType());
		v.loc = loc(PV->getLocation());
		params.push_back(v);
		if (lockExprs)
			require(PV->getType());
	}
	lw_fdecl d;
	d.name = intern(FD->getName());
	d.loc = loc((Def ? Def : all.front())->getLocation());
	d.flags = flags;
	d.nparams = (uint32_t)params.size();
	d.params = params.empty() ? nullptr : params.data();
	d.nannots = (uint32_t)as.size();
	d.annots = as.empty() ? nullptr : as.data();
	d.func = -1;
	int32_t idx = (int32_t)lw_tu_add_fdecl(tu, &d);
	fdecls[FD] = idx;
	return idx;
}

void Lowerer::global(const VarDecl *VD)
{
	VD = VD->getCanonicalDecl();
	if (globals.count(VD))
		return;
	globals[VD] = true;
	std::vector<const VarDecl *> all = chain(VD);
	const VarDecl *Def = VD->getDefinition();
	/* The type of the latest declaration is the most complete one
	 * (`extern int a[];` then `int a[4];`). */
	const VarDecl *T = all.back();
	std::vector<lw_annot_src> as;
	std::deque<std::string> store;
	for (const VarDecl *R : all)
		annots(R, as, store);
	typeAnnots(T->getType(), as, store);
	lw_global g;
	g.name = intern(VD->getName());
	g.loc = loc((Def ? Def : all.front())->getLocation());
	g.type = type(T->getType());
	/* Any annotation may name a global: lock expressions start at
	 * globals as well as at parameters. */
	require(T->getType());
	g.is_static = !VD->isExternallyVisible();
	g.nannots = (uint32_t)as.size();
	g.annots = as.empty() ? nullptr : as.data();
	lw_tu_add_global(tu, &g);
}

static bool hasLockwardenAnnot(const Decl *D)
{
	for (const AnnotateAttr *A : D->specific_attrs<AnnotateAttr>())
		if (isLockwarden(A))
			return true;
	return false;
}

/* ---- the walk ---------------------------------------------------------------- */

void Lowerer::walk(DeclContext *DC)
{
	for (Decl *D : DC->decls()) {
		if (F.inSystemHeader(D->getLocation()))
			continue;
		if (auto *RD = dyn_cast<RecordDecl>(D)) {
			stray(RD, RD->isUnion() ? "union" : "struct");
			if (RD->isThisDeclarationADefinition()) {
				if (annotated(RD) ||
				    (!names.owners.empty() &&
				     names.owners.count(lw_str_get(tu, recordName(RD)))))
					record(RD);
				walk(RD); /* nested definitions */
			}
		} else if (auto *FD = dyn_cast<FunctionDecl>(D)) {
			for (const ParmVarDecl *PV : FD->parameters())
				stray(PV, "parameter");
			bool body = FD->doesThisDeclarationHaveABody();
			/* Constructors, destructors and `used` functions run or
			 * stay without a reference. */
			if (body && !FD->isExternallyVisible() &&
			    !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())) &&
			    !FD->hasAttr<ConstructorAttr>() && !FD->hasAttr<DestructorAttr>() &&
			    !FD->hasAttr<UsedAttr>()) {
				/* Until something uses it (use()); one used
				 * before its definition is due already. */
				const FunctionDecl *C = FD->getCanonicalDecl();
				if (fdecls.count(C)) {
					bodies.push_back(FD);
				} else {
					/* Annotated, or named by a sidecar (whose entry
					 * must match): due now. */
					deferred[C] = FD;
					if (hasLockwardenAnnot(FD) || names.functions.count(FD->getName()))
						fdecl(FD);
				}
				continue;
			}
			if (hasLockwardenAnnot(FD) || body ||
			    (!names.functions.empty() && names.functions.count(FD->getName())))
				fdecl(FD);
			if (body)
				bodies.push_back(FD);
		} else if (auto *VD = dyn_cast<VarDecl>(D)) {
			QualType C = VD->getType().getCanonicalType();
			if (hasLockwardenAnnot(VD) || C->isRecordType() ||
			    C->isPointerType() || C->isArrayType() ||
			    (!names.globals.empty() && names.globals.count(VD->getName())))
				global(VD);
			/* Functions stored in a table (callbacks) are used,
			 * and may be called through it. */
			if (VD->hasInit()) {
				useIn(VD->getInit());
				fnStores(VD);
			}
		} else if (auto *TD = dyn_cast<TypedefNameDecl>(D)) {
			stray(TD, "typedef", fnTypedef(Ctx.getTypedefType(TD)) ? callsAnnot : nullptr);
		} else if (auto *ED = dyn_cast<EnumDecl>(D)) {
			stray(ED, "enum");
			for (const EnumConstantDecl *EC : ED->enumerators())
				stray(EC, "enumerator");
		} else if (auto *LS = dyn_cast<LinkageSpecDecl>(D)) {
			walk(LS);
		}
	}
}

bool Lowerer::watchedGlobal(const VarDecl *VD) const
{
	if (!VD->hasGlobalStorage() || VD->isStaticLocal())
		return false;
	return !F.inSystemHeader(VD->getLocation()) || names.globals.count(VD->getName());
}

void Lowerer::use(const FunctionDecl *FD)
{
	auto it = deferred.find(FD->getCanonicalDecl());
	if (it == deferred.end())
		return;
	bodies.push_back(it->second);
	deferred.erase(it);
}

/* Function references in an expression that is not lowered as code (a
 * global's or a static local's initializer). */
void Lowerer::useIn(const Stmt *S)
{
	if (!S || deferred.empty())
		return;
	if (const auto *DR = dyn_cast<DeclRefExpr>(S))
		if (const auto *FD = dyn_cast<FunctionDecl>(DR->getDecl()))
			use(FD);
	for (const Stmt *C : S->children())
		useIn(C);
}

const FunctionDecl *Lowerer::functionRef(const Expr *E)
{
	for (;;) {
		if (!E)
			return nullptr;
		E = E->IgnoreParenCasts();
		if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
			if (UO->getOpcode() != UO_AddrOf && UO->getOpcode() != UO_Deref)
				return nullptr;
			E = UO->getSubExpr();
			continue;
		}
		if (const auto *DR = dyn_cast<DeclRefExpr>(E))
			return dyn_cast<FunctionDecl>(DR->getDecl());
		return nullptr;
	}
}

void Lowerer::fnStoresIn(const Expr *Init, QualType T)
{
	if (!Init)
		return;
	const auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreParens());
	if (!ILE)
		return;
	if (ILE->isSyntacticForm() && ILE->getSemanticForm())
		ILE = ILE->getSemanticForm();
	if (const auto *AT = Ctx.getAsArrayType(T)) {
		for (unsigned i = 0; i < ILE->getNumInits(); i++)
			fnStoresIn(ILE->getInit(i), AT->getElementType());
		return;
	}
	const RecordDecl *RD = T->getAsRecordDecl();
	if (!RD || !(RD = RD->getDefinition()))
		return;
	auto one = [&](const FieldDecl *Fld, const Expr *In) {
		if (!In || isa<ImplicitValueInitExpr>(In))
			return;
		if (const FunctionDecl *Fn = functionRef(In)) {
			use(Fn);
			lw_fnstore st = {};
			st.record = fieldRecord(Fld);
			st.name = intern(Fld->getName());
			st.fdecl = fdecl(Fn);
			st.loc = loc(In->getBeginLoc());
			lw_tu_add_fnstore(tu, &st);
			return;
		}
		fnStoresIn(In, Fld->getType());
	};
	eachFieldInit(RD, ILE, one);
}

void Lowerer::eachFieldInit(const RecordDecl *RD, const InitListExpr *ILE,
			    llvm::function_ref<void(const FieldDecl *, const Expr *)> one)
{
	if (RD->isUnion()) {
		if (ILE->getNumInits() >= 1)
			if (const FieldDecl *Fld = ILE->getInitializedFieldInUnion())
				one(Fld, ILE->getInit(0));
		return;
	}
	unsigned i = 0;
	for (const FieldDecl *Fld : RD->fields()) {
		if (Fld->getType()->isIncompleteArrayType())
			break; /* flexible array member */
		if (Fld->isBitField() && Fld->getName().empty())
			continue; /* unnamed bit-fields have no initialiser */
		if (i >= ILE->getNumInits())
			break;
		one(Fld, ILE->getInit(i++));
	}
}

void Lowerer::fnStores(const VarDecl *VD)
{
	const Expr *Init = VD->getInit();
	if (!Init)
		return;
	if (const FunctionDecl *Fn = functionRef(Init)) {
		QualType T = VD->getType();
		if (const auto *AT = T->getAs<AtomicType>())
			T = AT->getValueType(); /* _Atomic lock_fn_t */
		if (!T->isFunctionPointerType() || VD->isStaticLocal())
			return;
		use(Fn);
		lw_fnstore st = {};
		st.record = 0;
		st.name = intern(VD->getName());
		st.fdecl = fdecl(Fn);
		st.loc = loc(Init->getBeginLoc());
		lw_tu_add_fnstore(tu, &st);
		return;
	}
	/* static mutex_t *gp = &g: gp is g, wherever it is dereferenced */
	if (VD->getType()->isPointerType() && !VD->isStaticLocal()) {
		const Expr *E = Init->IgnoreParenCasts();
		const auto *UO = dyn_cast<UnaryOperator>(E);
		const auto *DR = UO && UO->getOpcode() == UO_AddrOf
					 ? dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens()) : nullptr;
		const auto *G = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
		if (G && G->hasGlobalStorage() && !G->isStaticLocal()) {
			lw_fnstore st = {};
			st.name = intern(VD->getName());
			st.fdecl = -1;
			st.global = intern(G->getName());
			st.loc = loc(Init->getBeginLoc());
			lw_tu_add_fnstore(tu, &st);
		}
		return;
	}
	fnStoresIn(Init, VD->getType());
}

void Lowerer::run()
{
	walk(Ctx.getTranslationUnitDecl());
	flushRecords();
	/* By index: lowering a body can queue deferred ones (use()). */
	for (size_t i = 0; i < bodies.size(); i++) {
		FnLowerer(*this, bodies[i]).run();
		flushRecords();
	}
}

} // namespace lwc
