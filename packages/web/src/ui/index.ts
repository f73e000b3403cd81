// SPDX-License-Identifier: EUPL-1.2
// The app's design system layer: thin wrappers around the rijkshuisstijl-community
// (NL Design System) components. Pages import from here, never from the library.
import './theme.css';
import './app.css';

export { Button, type ButtonProps, type ButtonVariant } from './Button';
export { Heading, Paragraph, VisuallyHidden, Code, type HeadingLevel, type HeadingProps, type ParagraphProps } from './Typography';
export {
  TextField,
  DateField,
  TextAreaField,
  SelectField,
  CheckboxField,
  CheckboxGroupField,
  describedBy,
  fieldIds,
  type TextFieldProps,
  type DateFieldProps,
  type TextAreaFieldProps,
  type SelectFieldProps,
  type SelectOption,
  type CheckboxFieldProps,
  type CheckboxGroupFieldProps,
} from './fields';
export { Alert, Notice, Spinner, EmptyState, ErrorState, type AlertProps, type AlertType } from './feedback';
export { DataTable, type Column, type DataTableProps } from './DataTable';
export { Link, NavLink, ButtonLink, type LinkProps, type NavLinkProps, type ButtonLinkProps } from './Link';
export { isActivePath } from './paths';
export {
  SkipLink,
  PageHeader,
  NavBar,
  SubNav,
  PageContent,
  ButtonGroup,
  DataList,
  TileList,
  Image,
  Section,
  type NavBarItem,
  type DataListItem,
  type Tile,
} from './layout';
export { Dialog, FormDialog, ConfirmDialog, type DialogProps, type FormDialogProps, type ConfirmDialogProps } from './Dialog';
